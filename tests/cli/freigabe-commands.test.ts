import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Meeting, PaperSummary } from '../../electron/shared/schemas.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-app.js';

// The real entry point in child processes, on the demo as loaded today.
let dir: string;
let papers: PaperSummary[];
const ref = (title: string) => papers.find((p) => p.title.startsWith(title))!.reference;

beforeAll(() => {
  dir = tempDir();
  expect(cli(dir, 'demo').code).toBe(0);
  papers = cli(dir, '--json', 'vorlage', 'list').json();
}, 120_000);

describe('CLI: Freigabe', () => {
  it('vorlage approve / release: in order, refusals with exit 1 naming the missing steps, vorlage show lists the steps', () => {
    const haushalt = ref('Haushaltsplanentwurf');
    const missing = cli(dir, 'vorlage', 'release', haushalt, '--by', 'Ulrike Sandmann');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`Fehler: Die Vorlage ${haushalt} kann nicht freigegeben werden: es fehlt die Mitzeichnung durch Amtsleitung, Kämmerei.\n`);

    const early = cli(dir, 'vorlage', 'approve', haushalt, '--step', 'kaemmerei', '--by', 'Kurt Kasse');
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('Vor „Kämmerei“ muss zuerst mitzeichnen: Amtsleitung.');
    expect(cli(dir, 'vorlage', 'approve', haushalt, '--step', 'bürgermeister', '--by', 'X').code).toBe(2);

    const first = cli(dir, 'vorlage', 'approve', haushalt, '--step', 'amtsleitung', '--by', 'Ulrike Sandmann', '--funktion', 'Amtsleiterin');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Amtsleitung: mitgezeichnet von Ulrike Sandmann \(Amtsleiterin\) am \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}, Stand 1, SHA-256 [0-9a-f]{12}/);
    expect(first.stdout).toContain('Kämmerei: fehlt');
    const twice = cli(dir, 'vorlage', 'approve', haushalt, '--step', 'amtsleitung', '--by', 'Ulrike Sandmann');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('bereits mitgezeichnet');

    expect(cli(dir, 'vorlage', 'approve', haushalt, '--step', 'kämmerei', '--by', 'Kurt Kasse').code).toBe(0);
    const released = cli(dir, 'vorlage', 'release', haushalt, '--by', 'Ulrike Sandmann');
    expect(released.code).toBe(0);
    expect(released.stdout).toContain('Freigabe: freigegeben (Inhalt gesperrt)');

    const show = cli(dir, 'vorlage', 'show', haushalt);
    expect(show.stdout).toContain('Kämmerei: mitgezeichnet von Kurt Kasse (Kämmerei)');
    expect(show.stdout).toMatch(/Freigegeben von Ulrike Sandmann am \d{2}\.\d{2}\.\d{4}/);
  }, 240_000);

  it('vorlage datum sets and clears the Vorlage\'s own date; vorlage show prints it; a wrong day is refused with exit 1', () => {
    const kita = ref('Sprachförderung in Kindertageseinrichtungen');
    expect(cli(dir, 'vorlage', 'show', kita).stdout).toContain('Datum: – (wird mit der Freigabe gesetzt)');
    const set = cli(dir, 'vorlage', 'datum', kita, '2022-03-16');
    expect(set.stderr).toBe('');
    expect(set.stdout).toBe(`Vorlage ${kita}: Datum 16.03.2022\n`);
    expect(cli(dir, 'vorlage', 'show', kita).stdout).toContain('Datum: 16.03.2022');
    const wrong = cli(dir, 'vorlage', 'datum', kita, '2022-02-30');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('diesen Tag gibt es nicht');
    expect(cli(dir, 'vorlage', 'datum', kita).code).toBe(2);
    expect(cli(dir, 'vorlage', 'datum', kita, '--leer').stdout).toBe(`Vorlage ${kita}: Datum – (wird mit der Freigabe gesetzt)\n`);
  }, 120_000);

  it('sitzung pack is refused (exit 1, no file) while a Vorlage on the agenda is not released', () => {
    const kita = ref('Sprachförderung in Kindertageseinrichtungen');
    expect(cli(dir, 'vorlage', 'resend', kita, '--gremium', 'soz', '--sitzung', 'next').code).toBe(0);
    const meetings = cli(dir, '--json', 'sitzung', 'list').json<(Meeting & { committee: string })[]>();
    const sozNext = meetings.find((m) => m.committee === 'Sozialausschuss' && m.state === 'geplant')!;
    const out = path.join(dir, 'mappe.pdf');
    const r = cli(dir, 'sitzung', 'pack', String(sozNext.id), '--variant', 'members', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`wurde nicht erstellt: nicht freigegeben ist die Vorlage ${kita.replace(/\//g, '\\/')} \\(TOP \\d+\\)\\.`));
    expect(fs.existsSync(out)).toBe(false);
  }, 120_000);
});

describe('CLI: Einladung versandt, Nachtrag zur Tagesordnung, Sitzungskalender', () => {
  it('sitzung versandt, then vorlage resend warns with the Nachtragsfrist; sitzung nachtrag writes only the added TOP (refused, nothing written, while there is none); sitzung ics one VEVENT per Sitzung', async () => {
    const meetings = cli(dir, '--json', 'sitzung', 'list').json<(Meeting & { committee: string })[]>();
    const irNext = meetings.find((m) => m.committee === 'Integrationsrat' && m.state === 'geplant')!;
    const id = String(irNext.id);

    const none = path.join(dir, 'nachtrag-leer.pdf');
    const empty = cli(dir, 'sitzung', 'nachtrag', id, '--format', 'pdf', '--out', none);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^Fehler: Die Sitzung vom \d{2}\.\d{2}\.\d{4} hat keine nachträglich aufgenommenen Tagesordnungspunkte; es wurde nichts geschrieben\.\n$/);
    expect(fs.existsSync(none)).toBe(false);

    const sent = cli(dir, 'sitzung', 'versandt', id);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/^Einladung zur Sitzung am \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} Uhr versandt am \d{2}\.\d{2}\.\d{4}\./);
    expect(cli(dir, 'sitzung', 'versandt', id, '--datum', '2099-01-01').code).toBe(1);

    const fonds = ref('Integrationsfonds');
    const added = cli(dir, 'vorlage', 'resend', fonds, '--gremium', 'ir', '--sitzung', id);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/TOP \d+(\.\d+)? \(Nachtrag\)/);
    expect(added.stdout).toMatch(/Warnung: .*Nachtragsfrist/);
    expect(cli(dir, 'sitzung', 'show', id).stdout).toContain('Integrationsfonds – Vergabe der Mittel (Nachtrag)');

    const pdf = path.join(dir, 'nachtrag.pdf');
    const r = cli(dir, 'sitzung', 'nachtrag', id, '--format', 'pdf', '--out', pdf);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Nachtrag zur Tagesordnung gespeichert: ${pdf} (1 TOP, 1 Seite, SHA-256 `);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const docx = path.join(dir, 'nachtrag.docx');
    expect(cli(dir, 'sitzung', 'nachtrag', id, '--format', 'docx', '--out', docx).code).toBe(0);
    const text = (await (await JSZip.loadAsync(fs.readFileSync(docx))).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('Nachtrag zur Tagesordnung');
    expect(text).toContain('Integrationsfonds – Vergabe der Mittel (Nachtrag)');
    expect(text).not.toContain('Eröffnung und Begrüßung');
    expect(cli(dir, 'sitzung', 'nachtrag', id, '--format', 'odt', '--out', path.join(dir, 'n.odt')).code).toBe(2);

    const ics = path.join(dir, 'kalender.ics');
    const calendar = cli(dir, 'sitzung', 'ics', '--out', ics);
    expect(calendar.code).toBe(0);
    expect(calendar.stdout).toContain(`Sitzungskalender gespeichert: ${ics} (${meetings.length} Sitzungen`);
    expect(fs.readFileSync(ics, 'utf8').match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(meetings.length);
    const unknown = cli(dir, 'sitzung', 'ics', '--out', path.join(dir, 'x.ics'), '--gremium', 'gibtsnicht');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('„gibtsnicht“ wurde nicht gefunden');
    expect(fs.existsSync(path.join(dir, 'x.ics'))).toBe(false);
  }, 240_000);
});

describe('CLI: Beschlusskontrolle', () => {
  it('list --json gives id, reference, gremium, stand, frist; set changes and refuses a Frist before the Beschluss; report writes the table', () => {
    const list = cli(dir, '--json', 'beschlusskontrolle', 'list', '--gremium', 'ka');
    expect(list.code).toBe(0);
    const entries = list.json<{ id: number; reference: string; gremium: string; stand: string; frist: string | null }[]>();
    expect(entries.length).toBe(2);
    for (const e of entries) expect(e).toMatchObject({ id: expect.any(Number), reference: expect.stringMatching(/^50\//), gremium: 'Kreisausschuss', stand: 'offen', frist: null });

    const id = String(entries[0]!.id);
    const early = cli(dir, 'beschlusskontrolle', 'set', id, '--frist', '2000-01-01', '--stand', 'erledigt');
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/^Fehler: Die Frist 01\.01\.2000 liegt vor dem Beschluss vom \d{2}\.\d{2}\.\d{4}\. Es wurde nichts geändert\.\n$/);
    expect(cli(dir, '--json', 'beschlusskontrolle', 'list', '--stand', 'erledigt').json()).toEqual([]);

    const set = cli(dir, 'beschlusskontrolle', 'set', id, '--stand', 'in Bearbeitung', '--frist', '2099-12-31', '--zustaendig', '20', '--vermerk', 'Bescheide in Arbeit');
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain('Stand: in Bearbeitung, Frist: 31.12.2099');
    expect(set.stdout).toContain('Bescheide in Arbeit');
    const after = cli(dir, '--json', 'beschlusskontrolle', 'list', '--stand', 'in_bearbeitung').json<{ id: number; frist: string }[]>();
    expect(after).toMatchObject([{ id: Number(id), frist: '2099-12-31' }]);
    expect(cli(dir, 'beschlusskontrolle', 'set', id).code).toBe(2);

    const out = path.join(dir, 'bk.docx');
    const report = cli(dir, 'beschlusskontrolle', 'report', '--gremium', 'Kreisausschuss', '--format', 'docx', '--out', out);
    expect(report.stderr).toBe('');
    expect(report.stdout).toContain('Bericht zur Beschlusskontrolle gespeichert');
    expect(report.stdout).toContain('(2 Einträge');
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
  }, 240_000);
});
