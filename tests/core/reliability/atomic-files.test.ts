import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AtomicWriteError, produceFileAtomic, writeFileAtomic } from '../../../electron/core/fs/atomic-write.js';
import { backupsDir } from '../../../electron/core/paths.js';
import { saveOutboxFile } from '../../../electron/main/dialogs.js';
import { Outbox } from '../../../electron/host/outbox.js';
import { databaseFingerprint, tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';
import { canMountTmpfs, mountTinyDisk, type TinyDisk } from './helpers/tiny-disk.js';

/**
 * Issue 8.3: every file the app writes goes through one helper (temp file in the same folder,
 * fsync, rename with retry, folder fsync), and a full disk leaves the previous file intact with a
 * clear German error. The full disk is real: a tmpfs of a few KB (skipped where mounting is not
 * allowed; atomic-write-stub.test.ts covers the same with an ENOSPC stub).
 */

const root = path.join(import.meta.dirname, '..', '..', '..');
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const FULL = /nicht genug Platz|Datenträger ist voll/;

describe('one way to write files', () => {
  /**
   * Calls that write a file, and the only places allowed to make them directly. Each exception
   * says why it is safe without the helper. Anything new must use writeFileAtomic or
   * produceFileAtomic (electron/core/fs/atomic-write.ts) — or be added here with a reason.
   */
  const ALLOWED: Record<string, { calls: RegExp; why: string }> = {
    'electron/core/fs/atomic-write.ts': { calls: /.*/, why: 'the helper itself' },
    'electron/core/log.ts': { calls: /appendFileSync/, why: 'appends log lines; a torn last line loses nothing else' },
    'electron/main/window-state.ts': { calls: /writeFileSync/, why: 'window position at quit (must be sync); an unreadable file falls back to defaults' },
    'electron/core/export/pack/qpdf-decrypt.ts': { calls: /writeFile\(/, why: 'input for qpdf in a private mkdtemp folder, deleted afterwards; no user file' },
    'electron/core/export/pack/office-convert.ts': { calls: /writeFile\(/, why: 'input for LibreOffice in a private mkdtemp folder, deleted afterwards' },
    'electron/core/export/pack/office-sandbox.ts': { calls: /writeFile\(/, why: 'settings of the per-run LibreOffice profile in the same private mkdtemp folder, deleted afterwards' },
    'electron/core/export/pack/streamed-save.ts': { calls: /openSync\(path, 'w'\)/, why: 'writes a big pack into the temp file that produceFileAtomic hands it (assemble.ts), which renames it when complete' },
    'electron/main/pdf-renderer.ts': { calls: /writeFile\(/, why: 'print HTML in a private mkdtemp folder for printToPDF, deleted afterwards' },
    'electron/host/folder-outbox.ts': {
      calls: /writeFileSync|renameSync/,
      why: "meta.json beside a team server output file (synchronous like the in-memory Outbox); a torn one reads as 'file no longer there', never as another file. The rename gives a finished file its download name inside its own folder: atomic, no content written",
    },
    'electron/host/outbox.ts': {
      calls: /renameSync/,
      why: 'gives a finished output file its download name inside its own private folder: a rename is atomic and writes no content',
    },
    'electron/core/db/sqlite-backup.ts': {
      calls: /\.backup\(|renameSync/,
      why: 'backups are written inside produceFileAtomic; restore writes into the live database through SQLite (one transaction); the unusable file is moved aside inside the producer',
    },
  };
  const WRITE_CALL = /\b(writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|copyFileSync|copyFile|cpSync|renameSync|rename|truncateSync|truncate)\s*\(|\.backup\s*\(|\bopenSync\([^)]*['"](w|a|r\+)/;

  it('goes through the atomic helper everywhere in the app (except the listed, justified places)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|mts|mjs|js)$/.test(e.name)) {
          const rel = path.relative(root, p).split(path.sep).join('/');
          fs.readFileSync(p, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              // A producer inside produceFileAtomic writes the helper's temp file: that is the helper at work.
              if (/^\s*(\/\/|\*)/.test(line) || !WRITE_CALL.test(line) || /produceFileAtomic\(/.test(line)) return;
              const allowed = ALLOWED[rel];
              if (allowed && allowed.calls.test(line)) return;
              offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    walk(path.join(root, 'electron'));
    walk(path.join(root, 'bin'));
    expect(offenders, 'Dateien bitte über writeFileAtomic/produceFileAtomic schreiben').toEqual([]);
    console.log(`[atomic-files] full disk simulated with ${canMountTmpfs() ? 'a real tmpfs (mount)' : 'NO tmpfs (mount not permitted here; see atomic-write-stub.test.ts)'}`);
  });
});

const mountable = canMountTmpfs();
describe.skipIf(!mountable)('a full disk (real tmpfs)', () => {
  let disk: TinyDisk | null = null;
  let t: TempApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    disk?.unmount();
    disk = null;
  });

  it('leaves the previous file intact and says so in German (writeFileAtomic, produceFileAtomic)', async () => {
    disk = mountTinyDisk(64)!;
    const target = path.join(disk.dir, 'Sitzungsmappe.pdf');
    fs.writeFileSync(target, Buffer.alloc(20_000, 1));
    const before = sha(target);
    const error = await writeFileAtomic(target, Buffer.alloc(100_000, 2)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtomicWriteError);
    expect((error as Error).message).toMatch(FULL);
    expect(sha(target)).toBe(before);
    expect(fs.readdirSync(disk.dir)).toEqual(['Sitzungsmappe.pdf']);

    const produced = await produceFileAtomic(target, (temp) => fs.promises.writeFile(temp, Buffer.alloc(100_000, 3))).catch((e: unknown) => e);
    expect(produced).toBeInstanceOf(AtomicWriteError);
    expect((produced as Error).message).toMatch(FULL);
    expect(sha(target)).toBe(before);
    expect(fs.readdirSync(disk.dir)).toEqual(['Sitzungsmappe.pdf']);
  });

  it('keeps an earlier bundle and DOCX export when the new one does not fit, with nothing recorded as exported', async () => {
    t = await tempApp({ demo: true });
    disk = mountTinyDisk(48)!;
    const bundle = path.join(disk.dir, 'export.json');
    const docx = path.join(disk.dir, 'Vorlage.docx');
    fs.writeFileSync(bundle, '{"format":"vorlagenwerk-bundle","alt":true}\n');
    fs.writeFileSync(docx, 'alte DOCX');
    const hashes = [sha(bundle), sha(docx)];
    const fingerprint = await databaseFingerprint(t.app);
    disk.fill(2_000);

    const paper = (await t.call('vorlagen.list', {}))[0]!;
    for (const [method, params] of [
      ['daten.export', { path: bundle }],
      ['vorlagen.exportDocx', { ref: paper.id, path: docx }],
    ] as const) {
      const r = await t.dispatch(method, params);
      expect(r.ok, method).toBe(false);
      if (!r.ok) {
        expect(r.error.message, method).toMatch(FULL);
        expect(r.error.message).not.toMatch(/ENOSPC|Error:|at .*\.ts/);
      }
    }
    expect([sha(bundle), sha(docx)]).toEqual(hashes);
    // No temp file, no half-written one (Anlage files beside the bundle may be complete or absent).
    const leftovers = fs.readdirSync(disk.dir, { recursive: true }).map(String).filter((f) => /\.tmp/.test(f));
    expect(leftovers).toEqual([]);
    expect(await databaseFingerprint(t.app)).toBe(fingerprint);
  });

  it('refuses a backup that does not fit without leaving a partial one, and the database stays as it was', async () => {
    t = await tempApp({ demo: true });
    const earlier = await t.call('sicherung.create', {});
    // The backups folder on a disk smaller than the database.
    const dir = backupsDir(t.dir);
    const keep = path.join(t.dir, 'gesichert');
    fs.renameSync(dir, keep);
    disk = mountTinyDisk(Math.floor(fs.statSync(path.join(keep, path.basename(earlier.file))).size / 1024 / 2), dir)!;
    const fingerprint = await databaseFingerprint(t.app);
    const r = await t.dispatch('sicherung.create', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/Sicherung ist fehlgeschlagen: Der Datenträger ist voll/) } });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await databaseFingerprint(t.app)).toBe(fingerprint);
  });

  it('saves nothing half when the database itself hits a full disk, and works again once there is room', async () => {
    disk = mountTinyDisk(8 * 1024)!;
    t = await tempApp({ dataDir: path.join(disk.dir, 'daten'), demo: true });
    // A draft: released Vorlagen are read-only.
    const paper = (await t.call('vorlagen.list', { status: 'entwurf' }))[0]!;
    const before = await t.call('vorlagen.get', { ref: paper.id });
    disk.fill(8_000);
    const paragraph = (n: number) => ({ type: 'paragraph', content: [{ type: 'text', text: `Integrationsmaßnahme ${n} `.repeat(5_000) }] });
    const big = { erlaeuterungen: { type: 'doc', content: [1, 2, 3, 4, 5, 6].map(paragraph) } };
    const save = await t.dispatch('vorlagen.save', { id: paper.id, title: 'Passt nicht mehr', sections: big });
    expect(save).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Datenträger ist voll\. Es wurde nichts gespeichert/) } });
    const anlage = await t.dispatch('anlagen.add', { paperId: paper.id, title: 'Zu groß', fileName: 'gross.pdf', public: before.public, dataBase64: Buffer.alloc(400_000, 7).toString('base64') });
    expect(anlage).toMatchObject({ ok: false, error: { message: expect.stringMatching(FULL) } });
    const after = await t.call('vorlagen.get', { ref: paper.id });
    expect(after.title).toBe(before.title);
    expect(after.revision).toBe(before.revision);
    expect(after.attachments).toEqual(before.attachments);
    expect(t.app.db.pragma('integrity_check', { simple: true })).toBe('ok');
    disk.free();
    const retry = await t.call('vorlagen.save', { id: paper.id, title: 'Jetzt passt es', sections: big });
    expect(retry.revision).toBe(before.revision + 1);
  });

  it('keeps the old file when "Speichern unter" (desktop save dialog) runs out of space', async () => {
    disk = mountTinyDisk(64)!;
    const outbox = new Outbox(5, tempDir('vw-outbox-'));
    try {
      const entry = outbox.reserve('Sitzungsmappe.pdf', 'application/pdf');
      fs.writeFileSync(entry.path, Buffer.alloc(200_000, 9));
      outbox.commit(entry.id);
      const target = path.join(disk.dir, 'Sitzungsmappe.pdf');
      fs.writeFileSync(target, Buffer.alloc(30_000, 1));
      const before = sha(target);
      const dialog = { showSaveDialog: async () => ({ canceled: false, filePath: target }), showOpenDialog: async () => ({ canceled: true, filePaths: [] }) };
      const error = await saveOutboxFile(dialog as never, null, outbox, entry.id, disk.dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AtomicWriteError);
      expect((error as Error).message).toMatch(FULL);
      expect(sha(target)).toBe(before);
      expect(fs.readdirSync(disk.dir)).toEqual(['Sitzungsmappe.pdf']);
    } finally {
      outbox.close();
    }
  });
});
