import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ERASING_METHODS } from '../../../electron/core/db/forget-in-wal.js';
import { contract } from '../../../electron/shared/contract.js';
import { tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';

/**
 * Issue 8.7: deleting a Vorlage or an Anlage removes its words from the database FILE —
 * table pages (secure_delete), old revisions, the full-text index (FTS5 secure-delete), the
 * Anlage bytes — checked by scanning the file's bytes after a WAL checkpoint. Its number stays
 * reserved. (Backups made before the deletion still hold it until they are rotated out: that is
 * what a backup is for, and it is said in the report.)
 */

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Unique, unlikely-prefixed words; the FTS index stores them lower-cased and prefix-compressed. */
const canary = (tag: string) => `Qzxv${tag}Kanarienvogel${Math.random().toString(36).slice(2, 8)}`;

/**
 * Whether the file still holds any trace of the word: as typed, lower-cased (FTS terms), and its
 * tail alone (an FTS leaf stores a term as the suffix after the prefix it shares with the term
 * before it), in UTF-8 and UTF-16.
 */
function traces(bytes: Buffer, word: string): string[] {
  const forms = new Set([word, word.toLowerCase(), word.slice(-14), word.slice(-14).toLowerCase()]);
  const found: string[] = [];
  for (const form of forms) {
    if (bytes.includes(Buffer.from(form, 'utf8'))) found.push(`${form} (utf8)`);
    if (bytes.includes(Buffer.from(form, 'utf16le'))) found.push(`${form} (utf16)`);
  }
  return found;
}

function fileBytes(app: TempApp, checkpoint = true): Buffer {
  if (checkpoint) app.app.db.pragma('wal_checkpoint(TRUNCATE)');
  const wal = `${app.app.dbFile}-wal`;
  return Buffer.concat([fs.readFileSync(app.app.dbFile), fs.existsSync(wal) ? fs.readFileSync(wal) : Buffer.alloc(0)]);
}

const doc = (...texts: string[]) => ({ type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });

async function seed(app: TempApp) {
  const words = {
    title: canary('Titel'),
    oldRevision: canary('Altstand'),
    section: canary('Abschnitt'),
    top: canary('Top'),
    anlageTitle: canary('Anlagentitel'),
    anlageName: canary('Dateiname'),
    anlageBytes: canary('Dateiinhalt'),
    minutes: canary('Niederschrift'),
    exportPath: canary('Exportdatei'),
  };
  const department = (await app.call('aemter.list', {}))[0]!;
  const meeting = (await app.call('sitzungen.list', {})).find((m) => m.state === 'geplant' && m.start > new Date().toISOString().slice(0, 16))!;
  const committee = (await app.call('gremien.list', {})).find((c) => c.id === meeting.committeeId)!;
  const paper = await app.call('vorlagen.create', {
    template: 'mitteilungsvorlage',
    departmentId: department.id,
    title: `Stellungnahme ${words.title}`,
    public: false,
    sections: { erlaeuterungen: doc(`Familie ${words.oldRevision} wohnt in der Musterstraße.`) },
  });
  await app.call('vorlagen.save', { id: paper.id, sections: { erlaeuterungen: doc(`Angaben zu ${words.section} (Beratungsfall).`) } });
  await app.call('anlagen.add', {
    paperId: paper.id,
    title: `Stellungnahme ${words.anlageTitle}`,
    fileName: `${words.anlageName}.pdf`,
    public: false,
    dataBase64: Buffer.from(`%PDF-1.4\n% ${words.anlageBytes}\n${'x'.repeat(3000)}\n%%EOF\n`).toString('base64'),
  });
  await app.call('beratungen.add', { paperId: paper.id, committeeId: committee.id, role: 'kenntnisnahme', meetingId: meeting.id });
  const item = (await app.call('sitzungen.get', { id: meeting.id })).agenda.find((i) => i.paperId === paper.id)!;
  await app.call('tagesordnung.update', { id: item.id, title: `Beratungsfall ${words.top}` });
  // An export recorded in the history with the path the user chose (the CLI takes any path).
  await app.call('vorlagen.exportDocx', { ref: paper.id, path: path.join(tempDir('vw-dsgvo-out-'), `Stellungnahme ${words.exportPath}.docx`) });
  return { paper: await app.call('vorlagen.get', { ref: paper.id }), words, meeting, item, department };
}

describe('DSGVO deletion', () => {
  it('removes every word of a deleted Vorlage from the database file and keeps its number reserved', async () => {
    t = await tempApp({ demo: true });
    const { paper, words, department } = await seed(t);
    const all = Object.values(words).filter((w) => w !== words.minutes);

    // Control: before the deletion every word is in the file, and findable.
    const before = fileBytes(t);
    for (const w of all) expect(traces(before, w), `${w} should be stored before deletion`).not.toEqual([]);
    expect((await t.call('suche.query', { query: words.section })).hits.length).toBeGreaterThan(0);

    await t.call('vorlagen.delete', { id: paper.id });
    // Issue 12.9: the files as they are on disk right after the delete, without a checkpoint of
    // our own — the WAL kept the old pages before (602 hits) until ~500 further saves.
    const after = fileBytes(t, false);
    const leaks = all.flatMap((w) => traces(after, w));
    console.log(`[dsgvo] after deleting a Vorlage: ${leaks.length} canary traces in ${after.length} bytes of database file`);
    expect(leaks).toEqual([]);
    expect((await t.call('suche.query', { query: words.section })).hits).toEqual([]);

    // The number stays taken: neither handed out again nor accepted by hand.
    const again = await t.dispatch('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: department.id, title: 'Neu', reference: paper.reference });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('bereits vergeben') } });
    const next = await t.call('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: department.id, title: 'Neu', year: paper.year });
    expect(next.reference).not.toBe(paper.reference);
  });

  it('removes a removed Anlage (name, title, bytes) from the database file', async () => {
    t = await tempApp({ demo: true });
    const { paper, words } = await seed(t);
    const anlage = paper.attachments[0]!;
    const mine = [words.anlageTitle, words.anlageName, words.anlageBytes];
    const before = fileBytes(t);
    for (const w of mine) expect(traces(before, w)).not.toEqual([]);

    await t.call('anlagen.remove', { id: anlage.id });
    const after = fileBytes(t, false);
    const leaks = mine.flatMap((w) => traces(after, w));
    console.log(`[dsgvo] after removing an Anlage: ${leaks.length} canary traces`);
    expect(leaks).toEqual([]);
    // The Vorlage itself is untouched.
    expect(traces(after, words.section)).not.toEqual([]);
  });

  it('empties the WAL after every method that deletes (a new delete method must be listed)', () => {
    const deleting = Object.keys(contract).filter((m) => /\.(delete|remove)\w*$/.test(m));
    expect(deleting.length).toBeGreaterThanOrEqual(6);
    for (const m of deleting) expect(ERASING_METHODS.has(m), m).toBe(true);
  });
});
