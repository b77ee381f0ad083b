import { describe, expect, it } from 'vitest';
import { buildExtractPrintModel, buildMinutesPrintModel } from '../../../electron/core/export/minutes-model.js';
import { ApiError } from '../../../electron/shared/errors.js';
import { P } from './fixture.js';
import { SECRET, minutesInput } from './minutes-fixture.js';

describe('Niederschrift print model', () => {
  const members = buildMinutesPrintModel(minutesInput(), 'members');

  it('has the head of a Niederschrift: Sitzung, date, place, Beginn and Ende', () => {
    expect(members.title).toBe('Niederschrift');
    expect(members.subtitle).toBe('über die 12. Sitzung des Ausschusses für Soziales und Integration am Mittwoch, 12.03.2025');
    expect(members.facts).toEqual([
      { label: 'Datum', value: 'Mittwoch, 12.03.2025' },
      { label: 'Ort', value: 'Kreishaus Musterstadt, Sitzungssaal 1' },
      { label: 'Beginn', value: '17:05 Uhr' },
      { label: 'Ende', value: '18:40 Uhr' },
    ]);
  });

  it('groups the attendance with deputies, late arrivals, early leaves and the excused', () => {
    expect(members.attendance.map((g) => [g.heading, g.entries.map((x) => `${x.name} ${x.details}`.trim())])).toEqual([
      ['Vorsitz', ['Frau Dr. Eva Hartmann (Fraktion A)']],
      ['Mitglieder', ['Herr Peter Brandt (Fraktion A), stellv. Vorsitz, ab 17:10 Uhr', 'Frau Sabine Vogt (Fraktion C), bis 17:30 Uhr']],
      ['Sachkundige Bürgerinnen und Bürger', ['Herr Tobias Klein (Fraktion B)']],
      ['Stellvertretung', ['Herr Jonas Becker (Fraktion B), für Frau Aylin Yilmaz']],
      ['Beratende Mitglieder', ['Frau Maria Lorenz (Integrationsrat)']],
      ['Verwaltung', ['Herr Markus Roth (Kommunales Integrationszentrum)']],
      ['Gäste', ['Sam Ortmann']],
      ['Schriftführung', ['Frau Lena Weber (Sitzungsdienst)']],
      ['Entschuldigt', ['Frau Aylin Yilmaz (Fraktion B)']],
    ]);
    expect(members.quorum).toBe('5 von 5 stimmberechtigten Mitgliedern anwesend – beschlussfähig');
  });

  it('words each result by the role of its Beratung', () => {
    const top = (n: string) => members.parts.flatMap((p) => p.items).find((t) => t.number === n)!;
    // Kenntnisnahme: a sentence, never "Beschluss:".
    expect(top('3').result).toMatchObject({ kind: 'kenntnisnahme', label: null, statement: 'Der Sozialausschuss nimmt die Vorlage Nr. 50/012/2025 zur Kenntnis.' });
    // Entscheidung: Beschluss quoting the amended wording (not the Beschlussvorschlag), vote and Befangenheit.
    const t4 = top('4');
    expect(t4.result).toMatchObject({ kind: 'beschluss', label: 'Beschluss:', resultLine: 'mehrheitlich beschlossen', voteLine: 'mit 3 Ja-Stimmen, 1 Nein-Stimme, 0 Enthaltungen' });
    expect(JSON.stringify(t4.result!.quoted)).toContain('bis zum 30.04.2025 gestellt werden');
    expect(t4.conflicts).toEqual(['Herr Peter Brandt erklärt sich für befangen und nimmt an Beratung und Abstimmung nicht teil.']);
    // Vorberatung: Beschlussempfehlung quoting the Beschlussvorschlag.
    expect(top('5').result).toMatchObject({ kind: 'beschlussempfehlung', label: 'Beschlussempfehlung:', voteLine: 'einstimmig' });
    expect(JSON.stringify(top('5').result!.quoted)).toContain('Fortschreibung des Integrationskonzepts');
    // TOPs without Vorlage.
    expect(top('2').result).toMatchObject({ kind: 'beschluss', label: 'Beschluss:', quoted: null, resultLine: 'einstimmig genehmigt' });
    expect(top('6').result).toMatchObject({ kind: 'kenntnisnahme', statement: 'Der Sozialausschuss nimmt den Bericht zur Kenntnis.' });
    expect(top('7').result).toBeNull();
    expect(top('7').minutes).not.toBeNull();
  });

  it('signs with the gendered captions of the Vorsitz and the Schriftführung of the day', () => {
    expect(members.signatures).toEqual([
      { caption: 'Die Vorsitzende', name: 'Dr. Eva Hartmann' },
      { caption: 'Die Schriftführerin', name: 'Lena Weber' },
    ]);
    const input = minutesInput();
    const byMen = buildMinutesPrintModel({ ...input, head: { ...input.head, chairPersonId: P.brandt.id, recorderPersonId: P.roth.id } }, 'members');
    expect(byMen.signatures.map((s) => s.caption)).toEqual(['Der Vorsitzende', 'Der Schriftführer']);
    const neutral = buildMinutesPrintModel({ ...input, head: { ...input.head, chairPersonId: null, recorderPersonId: P.sam.id }, attendance: input.attendance.map((a) => ({ ...a, function: null })) }, 'members');
    expect(neutral.signatures).toEqual([
      { caption: 'Vorsitz', name: null },
      { caption: 'Schriftführung', name: 'Sam Ortmann' },
    ]);
  });

  it('has both parts for the members and nothing of the non-public part in the public variant', () => {
    expect(members.parts.map((p) => [p.heading, p.items.map((t) => t.number)])).toEqual([
      ['A. Öffentlicher Teil', ['1', '2', '3', '4', '5', '6', '7']],
      ['B. Nichtöffentlicher Teil', ['8', '9']],
    ]);
    const pub = buildMinutesPrintModel(minutesInput(), 'public');
    expect(pub.title).toBe('Niederschrift (öffentlicher Teil)');
    expect(pub.parts.map((p) => p.heading)).toEqual(['A. Öffentlicher Teil']);
    expect(pub.agenda.nonPublic).toBeNull();
    expect(JSON.stringify(pub)).not.toContain(SECRET);
    expect(JSON.stringify(pub)).not.toContain('Nichtöffentlich');
  });
});

describe('Auszug print model', () => {
  it('extracts a TOP without Vorlage', () => {
    const x = buildExtractPrintModel(minutesInput(), '6', { department: { name: '50.2 – Kommunales Integrationszentrum (KI)' } });
    expect(x.title).toBe('Auszug aus der Niederschrift');
    expect(x.subtitle).toBe('über die 12. Sitzung des Ausschusses für Soziales und Integration am 12.03.2025');
    expect(x.item).toMatchObject({ number: '6', title: 'Mitteilungen der Verwaltung', paperReference: null });
    expect(x.nonPublicNote).toBeNull();
    expect(x.certification).toEqual({ caption: 'Die Schriftführerin', name: 'Lena Weber' });
  });

  it('says so for a non-public TOP', () => {
    expect(buildExtractPrintModel(minutesInput(), '8').nonPublicNote).toBe('Nichtöffentlicher Teil – vertraulich');
  });

  it('refuses an unknown TOP number with a German message', () => {
    expect(() => buildExtractPrintModel(minutesInput(), '42')).toThrow(ApiError);
    expect(() => buildExtractPrintModel(minutesInput(), '42')).toThrow('Der TOP 42 dieser Sitzung wurde nicht gefunden.');
  });
});
