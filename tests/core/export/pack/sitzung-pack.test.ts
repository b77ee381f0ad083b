import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../../electron/shared/contract.js';
import type { Doc } from '../../../../electron/shared/document.js';
import { spawnSync } from 'node:child_process';
import { runCli } from '../../../../electron/cli/main.js';
import { createFileGuardedDispatch } from '../../../../electron/host/file-policy.js';
import { Outbox } from '../../../../electron/host/outbox.js';
import { cli } from '../../../helpers/cli.js';
import { releasePaper } from '../../../helpers/freigabe.js';
import { tempApp, tempDir, type TempApp } from '../../../helpers/temp-app.js';
import { pdfFonts, pdfInfo, pdfPagesText, pdfText } from '../pdf/pdf-tools.js';
import { simplePdf } from './fixtures.js';
import { findStrings } from './leak-check.js';

const doc = (...paragraphs: string[]): Doc => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Unique strings put into non-public places of the demo Sitzung. */
const CANARY = {
  topTitle: 'KANARIE-DB-TOP-51c0 Liegenschaftstausch',
  paperTitle: 'KANARIE-DB-VORLAGE-8d2e Liegenschaften',
  paperText: 'KANARIE-DB-TEXT-e3f7 Kaufpreisverhandlung',
  attachmentTitle: 'KANARIE-DB-ANLAGE-0a9b Wertgutachten',
  attachmentFile: 'KANARIE-DB-DATEI-4c61.pdf',
  attachmentContent: 'KANARIE-DB-INHALT-7e22',
  hiddenTitle: 'KANARIE-DB-NOE-19f3 Teilnehmendenliste',
  hiddenFile: 'KANARIE-DB-NOEDATEI-2b74.pdf',
  hiddenContent: 'KANARIE-DB-NOEINHALT-c8d1',
};

let t: TempApp;
let out: string;
let meetingId: number;
let secretPaperId: number;
const progress: ProgressEvent[] = [];
type PackOutput = Awaited<ReturnType<TempApp['call']>> & {
  path: string;
  pages: number;
  sha256: string;
  bytes: number;
  warnings: { code: string; message: string }[];
  tops: { number: string; title: string; page: number | null }[];
};
const packs = {} as Record<'public' | 'members', { result: PackOutput; pdf: Uint8Array }>;

async function pack(variant: 'public' | 'members', id = meetingId, file = join(out, `mappe-${variant}-${id}.pdf`)) {
  const response = await t.dispatch('sitzungen.pack', { meetingId: id, variant, path: file }, { onProgress: (p) => progress.push(p) });
  return { response, file };
}

beforeAll(async () => {
  t = await tempApp({ demo: true });
  out = tempDir('vw-pack-out-');
  const soz = await t.call('gremien.get', { ref: 'Sozialausschuss' });
  const meetings = await t.call('sitzungen.list', { committeeId: soz.id });
  meetingId = meetings.find((m) => m.state === 'geplant')!.id;
  const ki = (await t.call('aemter.list', {})).find((d) => d.code === '50')!;

  const secret = await t.call('vorlagen.create', {
    template: 'beschlussvorlage',
    departmentId: ki.id,
    title: CANARY.paperTitle,
    public: false,
    sections: {
      beschlussvorschlag: doc('Der Ausschuss beschließt wie vorgeschlagen.'),
      vorbemerkungen: doc(CANARY.paperText),
      erlaeuterungen: doc('Einzelheiten im nichtöffentlichen Teil.'),
      finanzielle_auswirkungen: doc('keine'),
    },
  });
  secretPaperId = secret.id;
  // Only a released Vorlage goes into a Sitzungsmappe.
  await releasePaper(t, secret.id);
  await t.call('anlagen.add', { paperId: secret.id, title: CANARY.attachmentTitle, fileName: CANARY.attachmentFile, public: false, dataBase64: b64(await simplePdf(CANARY.attachmentContent, 2)) });
  await t.call('beratungen.add', { paperId: secret.id, committeeId: soz.id, role: 'entscheidung', meetingId });
  const item = (await t.call('sitzungen.get', { id: meetingId })).agenda.find((i) => i.paperId === secret.id)!;
  await t.call('tagesordnung.update', { id: item.id, title: CANARY.topTitle });

  // A non-public Anlage on a public Vorlage of the same Sitzung, and a broken public one.
  const publicItem = (await t.call('sitzungen.get', { id: meetingId })).agenda.find((i) => i.public && i.paperId)!;
  await t.call('anlagen.add', { paperId: publicItem.paperId!, title: CANARY.hiddenTitle, fileName: CANARY.hiddenFile, public: false, dataBase64: b64(await simplePdf(CANARY.hiddenContent, 1)) });
  await t.call('anlagen.add', {
    paperId: publicItem.paperId!,
    title: 'Kaputte Tabelle',
    fileName: 'tabelle.pdf',
    public: true,
    dataBase64: b64(new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x41)]))),
  });

  for (const variant of ['public', 'members'] as const) {
    const { response, file } = await pack(variant);
    if (!response.ok) throw new Error(response.error.message);
    packs[variant] = { result: response.result as PackOutput, pdf: new Uint8Array(readFileSync(file)) };
  }
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('sitzungen.pack on the demo database', () => {
  it('writes the file it reports, with the reported SHA-256, page count and an AuditEvent', async () => {
    for (const variant of ['public', 'members'] as const) {
      const { result, pdf } = packs[variant];
      expect(result.sha256).toBe(sha(pdf));
      expect(result.bytes).toBe(pdf.length);
      expect(pdfInfo(pdf).Pages).toBe(String(result.pages));
      const events = (await t.app.store.audit.list({ meetingId })).filter((e) => e.action === 'export' && e.details.variant === variant);
      expect(events.at(-1)!.details).toMatchObject({ format: 'pdf', variant, sha256: result.sha256, path: result.path });
    }
    // Atomic write: no temp files left next to the packs.
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports progress per step, ending with the write', () => {
    const steps = [...new Set(progress.map((p) => p.step))];
    expect(steps).toEqual(expect.arrayContaining(['render', 'load', 'merge', 'stamp', 'save', 'write']));
    for (const p of progress) expect(p.done).toBeLessThanOrEqual(p.total);
  });

  it('the Tagesordnung shows the real start page of each TOP’s documents', () => {
    for (const variant of ['public', 'members'] as const) {
      const { result, pdf } = packs[variant];
      const pages = pdfPagesText(pdf);
      const toc = pages.find((p) => p.includes('A. Öffentlicher Teil'))!;
      const withPages = result.tops.filter((top) => top.page !== null);
      expect(withPages.length).toBeGreaterThan(0);
      for (const top of withPages) {
        const line = toc.split('\n').find((l) => new RegExp(`^\\s*${top.number}\\s`).test(l))!;
        expect(line.trim().split(/\s+/).at(-1)).toBe(String(top.page));
        expect(pages[top.page! - 1]).toContain('Vorlage-Nr.:');
      }
      pages.forEach((p, i) => expect(p).toContain(`Seite ${i + 1} von ${pages.length}`));
    }
  });

  it('public variant: none of the non-public canaries, anywhere', async () => {
    expect(await findStrings(packs.public.pdf, Object.values(CANARY))).toEqual({});
  });

  it('members variant: the non-public TOP, Vorlage, text and Anlagen are there', async () => {
    const found = await findStrings(packs.members.pdf, Object.values(CANARY));
    for (const c of [CANARY.topTitle, CANARY.paperTitle, CANARY.paperText, CANARY.attachmentContent, CANARY.hiddenContent, CANARY.hiddenTitle, CANARY.attachmentTitle]) {
      expect(found[c], c).toBeDefined();
    }
    expect(found[CANARY.topTitle]).toEqual(expect.arrayContaining(['text', 'outline']));
  });

  it('a broken Anlage becomes a note page with a warning; the pack is still complete', () => {
    const { result, pdf } = packs.public;
    expect(result.warnings.map((w) => w.code)).toContain('ATTACHMENT_BROKEN');
    expect(result.warnings.find((w) => w.code === 'ATTACHMENT_BROKEN')!.message).toContain('Kaputte Tabelle');
    expect(pdfText(pdf)).toContain('Hinweis: Anlage nicht eingebunden');
  });

  it('embeds every font, also where a demo Anlage used an unembedded Helvetica', () => {
    for (const variant of ['public', 'members'] as const) {
      expect(pdfFonts(packs[variant].pdf).filter((f) => !f.embedded)).toEqual([]);
    }
  });

  it('warns when the Sitzung is closer than the Ladungsfrist, and still builds the pack', async () => {
    expect(packs.public.result.warnings.map((w) => w.code)).not.toContain('NOTICE_PERIOD');
    const soz = await t.call('gremien.get', { ref: 'Sozialausschuss' });
    const soon = new Date(Date.now() + 3 * 24 * 3600 * 1000);
    const start = `${soon.getFullYear()}-${String(soon.getMonth() + 1).padStart(2, '0')}-${String(soon.getDate()).padStart(2, '0')}T15:00`;
    const meeting = await t.call('sitzungen.save', { committeeId: soz.id, start, location: 'Kreishaus Musterstadt, Sitzungssaal 1', state: 'geplant' });
    await t.call('tagesordnung.add', { meetingId: meeting.id, title: 'Eröffnung der Sitzung', public: true });
    const { response, file } = await pack('public', meeting.id);
    expect(response.ok).toBe(true);
    const result = (response as { result: PackOutput }).result;
    const warning = result.warnings.find((w) => w.code === 'NOTICE_PERIOD')!;
    expect(warning.message).toMatch(/Ladungsfrist unterschritten: .* Ladungsfrist von 7 Tagen/);
    expect(existsSync(file)).toBe(true);
  });

  it('refuses a pack with an empty Vorlage, names it, and writes nothing', async () => {
    const soz = await t.call('gremien.get', { ref: 'Sozialausschuss' });
    const ki = (await t.call('aemter.list', {})).find((d) => d.code === '50')!;
    const empty = await t.call('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: ki.id, title: 'Noch ohne Text', public: true, sections: {} });
    const meeting = await t.call('sitzungen.save', { committeeId: soz.id, start: `${new Date().getFullYear() + 5}-05-07T15:00`, location: 'Kreishaus', state: 'geplant' });
    await t.call('beratungen.add', { paperId: empty.id, committeeId: soz.id, role: 'kenntnisnahme', meetingId: meeting.id });
    // An empty Vorlage cannot be released, even signed (its required sections are empty) ...
    await t.call('freigabe.approve', { ref: empty.id, step: 'amtsleitung', by: 'Test Amtsleitung' });
    const release = await t.dispatch('freigabe.release', { ref: empty.id });
    expect(release).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('Pflichtabschnitte sind leer') } });
    // ... so the Freigabe gate refuses the pack, naming it, before anything is written.
    const { response, file } = await pack('public', meeting.id);
    expect(response.ok).toBe(false);
    const error = (response as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(`nicht freigegeben ist die Vorlage ${empty.reference}`);
    expect(existsSync(file)).toBe(false);
  });

  it('vorlagen.exportPdf prints the Vorlage for the Sitzung, tagged, with metadata and an AuditEvent', async () => {
    const file = join(out, 'vorlage.pdf');
    const result = await t.call('vorlagen.exportPdf', { ref: secretPaperId, meetingId, path: file });
    const pdf = new Uint8Array(readFileSync(file));
    expect(result.sha256).toBe(sha(pdf));
    const text = pdfText(pdf);
    expect(text).toContain(CANARY.paperText);
    expect(text).toMatch(/Zur Sitzung des Ausschusses für Soziales und Integration am \d\d\.\d\d\.\d{4}\./);
    const info = pdfInfo(pdf);
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toContain(CANARY.paperTitle);
    expect(pdfFonts(pdf).filter((f) => !f.embedded)).toEqual([]);
    const events = (await t.app.store.audit.list({ paperId: secretPaperId })).filter((e) => e.action === 'export');
    expect(events.at(-1)!.details).toMatchObject({ format: 'pdf', sha256: result.sha256 });
  });
});

describe('download names (issue 14.7)', () => {
  it('web and desktop offer the pack as Sitzungsmappe_<Gremium>_<Datum>_<Fassung>.pdf', async () => {
    const outbox = new Outbox(40, tempDir('vw-pack-outbox-'));
    try {
      const guarded = createFileGuardedDispatch({ dispatch: t.dispatch, outbox, dataDir: t.dir });
      const meeting = (await t.call('sitzungen.get', { id: meetingId })).meeting;
      const date = meeting.start.slice(0, 10);
      for (const [variant, label] of [['public', 'oeffentlich'], ['members', 'Mitglieder']] as const) {
        const response = await guarded('sitzungen.pack', { meetingId, variant, path: 'egal.pdf' });
        expect(response.ok, JSON.stringify(response)).toBe(true);
        const file = (response as { file: { id: string; fileName: string } }).file;
        expect(file.fileName).toBe(`Sitzungsmappe_Sozialausschuss_${date}_${label}.pdf`);
        const stored = outbox.get(file.id)!;
        expect(stored.fileName).toBe(file.fileName);
        expect(readFileSync(stored.path).subarray(0, 5).toString()).toBe('%PDF-');
      }
    } finally {
      outbox.close();
    }
  }, 60_000);
});

describe('CLI: sitzung pack, vorlage export, result export', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('vw-cli-pack-');
    expect(cli(dir, 'demo').code).toBe(0);
  }, 60_000);

  it('sitzung pack writes the Sitzungsmappe and says where, with the TOP start pages', () => {
    const meetings = cli(dir, '--json', 'sitzung', 'list').json<{ id: number; committee: string; state: string }[]>();
    const id = meetings.find((m) => m.committee === 'Sozialausschuss' && m.state === 'geplant')!.id;
    const file = join(dir, 'mappe.pdf');
    const r = cli(dir, 'sitzung', 'pack', String(id), '--variant', 'members', '--out', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Sitzungsmappe \(für Mitglieder\) gespeichert: .*mappe\.pdf \(\d+ Seiten, SHA-256 [0-9a-f]{64}\)/);
    expect(r.stdout).toMatch(/TOP \d+\s+ab Seite\s+\d+/);
    expect(existsSync(file)).toBe(true);
  }, 60_000);

  it('sitzung pack without --out writes Sitzungsmappe_<Gremium>_<Datum>_<Fassung>.pdf into the current folder', () => {
    const meetings = cli(dir, '--json', 'sitzung', 'list').json<{ id: number; committee: string; state: string; start: string }[]>();
    const meeting = meetings.find((m) => m.committee === 'Sozialausschuss' && m.state === 'geplant')!;
    const cwd = tempDir('vw-cli-cwd-');
    const root = join(import.meta.dirname, '..', '..', '..', '..');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'vorlagenwerk.mjs'), '--data-dir', dir, 'sitzung', 'pack', String(meeting.id), '--variant', 'public'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, VORLAGENWERK_DATA_DIR: '', FORCE_COLOR: '0' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const name = `Sitzungsmappe_Sozialausschuss_${meeting.start.slice(0, 10)}_oeffentlich.pdf`;
    expect(readdirSync(cwd)).toEqual([name]);
    expect(r.stdout).toContain(name);
  }, 60_000);

  it('shows a progress line on a terminal, and none when output is not a terminal', async () => {
    const meetings = cli(dir, '--json', 'sitzung', 'list').json<{ id: number; committee: string; state: string }[]>();
    const id = String(meetings.find((m) => m.committee === 'Sozialausschuss' && m.state === 'geplant')!.id);
    const run = async (isTTY: boolean) => {
      let stderr = '';
      let stdout = '';
      const code = await runCli(['--data-dir', dir, 'sitzung', 'pack', id, '--variant', 'public', '--out', join(dir, `tty-${isTTY}.pdf`)], {
        stdout: (s) => (stdout += s),
        stderr: (s) => (stderr += s),
        isTTY,
        env: {},
      });
      return { code, stdout, stderr };
    };
    const tty = await run(true);
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/Sitzungsmappe: \[[#.]{20}\] Dokumente drucken \d+\/\d+/);
    expect(tty.stderr).toMatch(/Seitenzahlen und Stempel \d+\/\d+/);
    expect(tty.stdout).toContain('Sitzungsmappe (öffentlich) gespeichert:');
    const pipe = await run(false);
    expect(pipe.code).toBe(0);
    expect(pipe.stderr).toBe('');
  }, 60_000);

  it('refuses wrong input with exit codes 2 (usage) and 1 (user error), writing nothing', () => {
    const file = join(dir, 'nie.pdf');
    const usage = cli(dir, 'sitzung', 'pack', '1', '--variant', 'geheim', '--out', file);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Unbekannte Variante');
    const missing = cli(dir, 'sitzung', 'pack', '999', '--variant', 'public', '--out', file);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Die Sitzung 999 wurde nicht gefunden');
    expect(existsSync(file)).toBe(false);
  }, 60_000);

  it('vorlage export --format pdf and result export --format pdf', () => {
    const year = new Date().getFullYear();
    const vorlage = join(dir, 'vorlage.pdf');
    const v = cli(dir, 'vorlage', 'export', `50/001/${year}`, '--format', 'pdf', '--out', vorlage);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('Vorlage gespeichert:');
    expect(pdfText(new Uint8Array(readFileSync(vorlage)))).toContain(`Vorlage-Nr.: 50/001/${year}`);

    const meetings = cli(dir, '--json', 'sitzung', 'list').json<{ id: number; committee: string; state: string; start: string }[]>();
    const past = meetings.filter((m) => m.committee === 'Sozialausschuss' && m.state === 'durchgefuehrt').sort((a, b) => a.start.localeCompare(b.start))[0]!;
    const ergebnis = join(dir, 'ergebnis.pdf');
    const r = cli(dir, 'result', 'export', `50/001/${year - 1}`, '--sitzung', String(past.id), '--format', 'pdf', '--out', ergebnis);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = pdfText(new Uint8Array(readFileSync(ergebnis)));
    // The Auszug aus der Niederschrift of the Vorlage's TOP (issue 17).
    expect(text).toContain('Auszug aus der Niederschrift');
    expect(text).toContain(`nimmt die Vorlage Nr. 50/001/${year - 1} zur Kenntnis.`);
    expect(text).not.toContain('Beschluss:');
  }, 60_000);
});
