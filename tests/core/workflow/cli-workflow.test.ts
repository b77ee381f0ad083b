import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Meeting, PaperSummary } from '../../../electron/shared/schemas.js';
import { cli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-app.js';

// The real entry point in child processes, on the demo as loaded today.
let dir: string;
let papers: PaperSummary[];
let meetings: (Meeting & { committee: string })[];
const ref = (title: string) => papers.find((p) => p.title.startsWith(title))!.reference;

beforeAll(() => {
  dir = tempDir();
  expect(cli(dir, 'demo').code).toBe(0);
  papers = cli(dir, '--json', 'vorlage', 'list').json();
  meetings = cli(dir, '--json', 'sitzung', 'list').json();
});

describe('CLI: committee workflow', () => {
  it('vorlage resend: re-sends to the next planned Sitzung, then refuses the same again', () => {
    const r = cli(dir, 'vorlage', 'resend', ref('Sprachmittlerpool'), '--gremium', 'Ordnungsausschuss', '--sitzung', 'next');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const ordNext = meetings.find((m) => m.committee === 'Ordnungsausschuss' && m.state === 'geplant')!;
    expect(r.stdout).toContain(`an „Ordnungsausschuss“ weitergeleitet (Kenntnisnahme): Sitzung ${ordNext.id} am`);
    expect(r.stdout).toContain('TOP 3.');

    const again = cli(dir, 'vorlage', 'resend', ref('Sprachmittlerpool'), '--gremium', 'ord', '--sitzung', 'next');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('bereits zur Beratung vor');

    expect(cli(dir, 'vorlage', 'resend', ref('Sprachmittlerpool')).code).toBe(2);
    const badRole = cli(dir, 'vorlage', 'resend', ref('Sprachmittlerpool'), '--gremium', 'ka', '--role', 'abstimmung');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('Unbekannte Zuständigkeit „abstimmung“');
  });

  it('top result: records result, vote and minutes from a Markdown file and offers the re-send', () => {
    const sozPast = meetings.filter((m) => m.committee === 'Sozialausschuss' && m.state === 'durchgefuehrt').at(-1)!;
    const minutes = path.join(dir, 'protokoll.md');
    fs.writeFileSync(minutes, 'Die Verwaltung beantwortet Fragen zu den **Sprechzeiten**.');
    const r = cli(dir, 'top', 'result', String(sozPast.id), '2', '--result', 'Kenntnis genommen', '--minutes-file', minutes, '--ja', '11', '--enthaltung', '1', '--weitere-gremien', 'Kreisausschuss');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('TOP 2 (Beratungsangebote für Neuzugewanderte – Standorte): Kenntnis genommen');
    expect(r.stdout).toContain('Weiterleitung an „Kreisausschuss“ erbeten');
    expect(r.stdout).toMatch(/vorlagenwerk vorlage resend \S+ --gremium \d+ --sitzung next --von-sitzung \d+ --von-top "2"/);
    const item = cli(dir, '--json', 'sitzung', 'show', String(sozPast.id)).json<{ agenda: { number: string; result: string; votes: unknown }[] }>().agenda.find((i) => i.number === '2')!;
    expect(item).toMatchObject({ result: 'Kenntnis genommen', votes: { yes: 11, no: 0, abstain: 1 } });

    const missing = cli(dir, 'top', 'result', String(sozPast.id), '2', '--result', 'vertagt', '--minutes-file', path.join(dir, 'gibtsnicht.md'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('wurde nicht gefunden');
    expect(cli(dir, 'top', 'result', String(sozPast.id), '2').code).toBe(2);
  });

  it('vorlage carry-forward and vorlage diff --vorgaenger / --from --to', () => {
    const year = new Date().getFullYear();
    const source = papers.find((p) => p.title === `Kommunales Integrationsmanagement – Sachstand ${year}`)!;
    const r = cli(dir, 'vorlage', 'carry-forward', source.reference, '--year', String(year + 1));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Neue Vorlage 50/001/${year + 1} (Entwurf): Kommunales Integrationsmanagement – Sachstand ${year + 1}`);
    expect(r.stdout).toContain('Anlagen übernommen: 2.');

    const d = cli(dir, 'vorlage', 'diff', `50/001/${year + 1}`, '--vorgaenger');
    expect(d.code).toBe(0);
    expect(d.stdout).toContain(`Betreff: Kommunales Integrationsmanagement – Sachstand [-${year}-]{+${year + 1}+}`);
    expect(d.stdout).toContain('Vorbemerkungen: unverändert');
    const same = cli(dir, 'vorlage', 'diff', source.reference, '--from', '1', '--to', '1');
    expect(same.stdout).toContain('0 Wörter eingefügt, 0 Wörter gelöscht.');
    expect(cli(dir, 'vorlage', 'diff', source.reference, '--from', '1', '--to', '9').code).toBe(1);
  });

  it('search: ranked hits with snippets, umlaut-free spelling, bad syntax as a German message, rebuild', () => {
    const r = cli(dir, 'search', 'Forderprogramm');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1\. /);
    expect(r.stdout).toContain('«Förderprogramm»');
    const phrase = cli(dir, 'search', '"Kommunales Integrationsmanagement"', '--limit', '2');
    expect(phrase.stdout).toContain('«Kommunales Integrationsmanagement»');
    expect(phrase.stdout).toContain('weitere Treffer');
    const bad = cli(dir, 'search', '"Sachstand');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Die Suchanfrage ist ungültig: Ein Anführungszeichen ist nicht geschlossen.');
    const rebuilt = cli(dir, 'search', 'rebuild');
    expect(rebuilt.stdout).toMatch(/Suchindex neu aufgebaut: \d+ Vorlagen, \d+ Tagesordnungspunkte, \d+ Anlagen\./);
    expect(cli(dir, 'search', 'Forderprogramm').stdout).toBe(r.stdout);
  });

  it('sitzung ladungsfrist lists the coming Sitzungen with their last day for the Einladung', () => {
    const r = cli(dir, 'sitzung', 'ladungsfrist', '--gremium', 'Sozialausschuss');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Einladung spätestens');
    expect(r.stdout).toMatch(/Sozialausschuss\s+\d\d\.\d\d\.\d{4}\s+\d\d\.\d\d\.\d{4} \(7 Tage\)/);
  });
});
