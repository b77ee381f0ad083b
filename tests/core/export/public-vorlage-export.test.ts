import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.js';
import { databaseFingerprint, tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';
import { pdfText, qdfBytes } from './pdf/pdf-tools.js';

/**
 * A Vorlage exported on its own for publishing (`publicOnly`): its non-public Anlagen must not
 * be named — neither title nor file name — in HTML, DOCX or PDF. The default (internal) export
 * is the control that lists them.
 */
const CANARY_TITLE = 'Teilnehmerliste KANARIE-EINZEL-4c1d';
const CANARY_FILE = 'KANARIE-EINZELDATEI-9e2f.pdf';
const doc = (...texts: string[]) => ({ type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
const b64 = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`).toString('base64');

let t: TempApp;
let out: string;
let publicRef: string;
let secretRef: string;

beforeAll(async () => {
  t = await tempApp({ demo: true });
  out = tempDir('vw-public-export-');
  const department = (await t.call('aemter.list', {}))[0]!;
  const pub = await t.call('vorlagen.create', {
    template: 'mitteilungsvorlage', departmentId: department.id, public: true, title: 'Sachstand Sprachkurse im Musterkreis',
    sections: { erlaeuterungen: doc('Die Sprachkurse sind gut ausgelastet.') },
  });
  await t.call('anlagen.add', { paperId: pub.id, title: 'Kursstatistik', fileName: 'kursstatistik.pdf', public: true, dataBase64: b64('Kursstatistik') });
  await t.call('anlagen.add', { paperId: pub.id, title: CANARY_TITLE, fileName: CANARY_FILE, public: false, dataBase64: b64('intern') });
  publicRef = pub.reference;
  const secret = await t.call('vorlagen.create', {
    template: 'beschlussvorlage', departmentId: department.id, public: false, title: 'Personalangelegenheit',
    sections: { erlaeuterungen: doc('Vertraulich.') },
  });
  secretRef = secret.reference;
}, 60_000);

afterAll(async () => t?.close());

/** What a reader of the exported file sees, as text. */
async function exportedText(format: 'html' | 'docx' | 'pdf', publicOnly: boolean, ref = publicRef): Promise<string> {
  const file = path.join(out, `${format}-${publicOnly}-${ref.replaceAll('/', '-')}.${format}`);
  const params = { ref, path: file, ...(publicOnly ? { publicOnly: true } : {}) };
  if (format === 'html') await t.call('vorlagen.exportHtml', params);
  else if (format === 'docx') await t.call('vorlagen.exportDocx', params);
  else await t.call('vorlagen.exportPdf', params);
  const bytes = fs.readFileSync(file);
  if (format === 'html') return bytes.toString('utf8');
  if (format === 'docx') return (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return `${pdfText(bytes)}\n${qdfBytes(bytes).toString('latin1')}`;
}

describe.each(['html', 'docx', 'pdf'] as const)('Vorlage export as %s', (format) => {
  it('the public version lists the public Anlagen only', async () => {
    const text = await exportedText(format, true);
    expect(text).toContain('Kursstatistik');
    expect(text).not.toContain('KANARIE-EINZEL');
    expect(text).not.toContain('KANARIE-EINZELDATEI');
  });

  it('the internal version (default) lists every Anlage', async () => {
    const text = await exportedText(format, false);
    expect(text).toContain('Kursstatistik');
    expect(text).toContain('KANARIE-EINZEL-4c1d');
  });

  it('a non-public Vorlage has no public version: refused in German, nothing written or recorded', async () => {
    const before = await databaseFingerprint(t.app);
    await expect(exportedText(format, true, secretRef)).rejects.toThrow(`Die Vorlage ${secretRef} ist nichtöffentlich; eine öffentliche Fassung gibt es nicht.`);
    expect(fs.readdirSync(out).filter((f) => f.includes(secretRef.replaceAll('/', '-')))).toEqual([]);
    expect(await databaseFingerprint(t.app)).toBe(before);
  });
});

describe('a public Vorlage on a non-public TOP', () => {
  it('has no public version printed for that Sitzung (it would name the TOP), but one on its own', async () => {
    const meeting = (await t.call('sitzungen.list', {})).find((m) => m.state === 'geplant')!;
    const paper = (await t.call('vorlagen.list', {})).find((p) => p.reference === publicRef)!;
    await t.call('beratungen.add', { paperId: paper.id, committeeId: meeting.committeeId, role: 'kenntnisnahme', meetingId: meeting.id });
    const top = (await t.call('sitzungen.get', { id: meeting.id })).agenda.find((i) => i.paperId === paper.id)!;
    await t.app.store.agenda.update(top.id, { public: false });
    const file = path.join(out, 'nicht-oeffentlich-beraten.html');
    await expect(t.call('vorlagen.exportHtml', { ref: publicRef, meetingId: meeting.id, path: file, publicOnly: true })).rejects.toThrow(
      `Die Vorlage ${publicRef} wird in dieser Sitzung nichtöffentlich beraten; eine öffentliche Fassung für diese Sitzung gibt es nicht.`,
    );
    expect(fs.existsSync(file)).toBe(false);
    await t.call('vorlagen.exportHtml', { ref: publicRef, path: file, publicOnly: true });
    expect(fs.readFileSync(file, 'utf8')).not.toContain(`TOP ${top.number}`);
  });
});

describe('CLI: vorlage export --public-only', () => {
  it('writes the public version and records it as such', async () => {
    await t.close();
    const file = path.join(out, 'cli.html');
    const r = cli(t.dir, 'vorlage', 'export', publicRef, '--format', 'html', '--out', file, '--public-only');
    expect(r.code, r.stderr).toBe(0);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('Kursstatistik');
    expect(html).not.toContain('KANARIE-EINZEL');
    t = await tempApp({ dataDir: t.dir });
    const exported = t.app.db.prepare("SELECT details FROM audit_event WHERE action = 'export' ORDER BY id DESC LIMIT 1").get() as { details: string };
    expect(JSON.parse(exported.details)).toMatchObject({ format: 'html', variant: 'public' });
  }, 60_000);
});
