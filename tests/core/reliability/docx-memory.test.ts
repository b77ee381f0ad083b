import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLetterheadIsolated, docxToDocIsolated } from '../../../electron/core/document/docx-isolated.js';
import { DocumentError } from '../../../electron/core/document/errors.js';
import { cli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-app.js';
import { bigDocx } from './helpers/big-docx.js';

/**
 * Issue 12.2: a Word file that unpacks to far more than it weighs made the parser take gigabytes
 * and killed the CLI (rc 134) and web mode. The parse now runs in a worker with a heap limit:
 * the worker dies, the caller gets a German error for this file, and the process goes on.
 */

const root = path.join(import.meta.dirname, '..', '..', '..');
let dir: string;
let bomb: Uint8Array;

beforeAll(async () => {
  dir = tempDir('vw-docx-mem-');
  bomb = await bigDocx(60);
  fs.writeFileSync(path.join(dir, 'riesig.docx'), bomb);
}, 120_000);

const smallDocx = async () => new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Kurze Stellungnahme.')] }] })));

describe('Word import memory (issue 12.2)', () => {
  it('a parse that outgrows its worker is a German error for that file; the process goes on', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    // The streaming limits (docx-scan.ts) refuse this file long before; lifted here, the worker's
    // heap limit is what stops it — the second line of defence.
    const unlimited = { maxPartBytes: 1e9, maxBlocks: 1e9, maxTextChars: 1e9, maxElements: 1e9 };
    const error = await docxToDocIsolated(await bigDocx(20), { maxHeapMb: 64, importOptions: { content: unlimited } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as Error).message).toMatch(/zu umfangreich.*Arbeitsspeicher/);
    // The parse happened elsewhere: this thread's heap did not take it on.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(150 * 1024 * 1024);
    // Same process, next file: fine.
    const ok = await docxToDocIsolated(await smallDocx());
    expect(JSON.stringify(ok.doc)).toContain('Kurze Stellungnahme.');
  }, 120_000);

  it('the Hausvorlage upload is checked the same way', async () => {
    const error = await checkLetterheadIsolated(await bigDocx(20), { maxHeapMb: 64 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as Error).message).toMatch(/zu umfangreich/);
    const letterhead = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Kreis Musterkreis'), new Paragraph('{{inhalt}}')] }] })));
    expect(await checkLetterheadIsolated(letterhead)).toEqual(['inhalt']);
    // A file that is no letterhead keeps its own German message through the worker.
    await expect(checkLetterheadIsolated(await smallDocx())).rejects.toThrow(/keinen Platzhalter \{\{inhalt\}\}/);
  }, 120_000);

  it('the CLI ends with the German error (status 1), not an abort, even with a small heap of its own', async () => {
    const small = await smallDocx();
    const data = tempDir('vw-docx-cli-');
    expect(cli(data, 'demo').code).toBe(0);
    const before = cli(data, '--json', 'vorlage', 'list').json<unknown[]>().length;
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'vorlagenwerk.mjs'), '--data-dir', data, 'vorlage', 'import-docx', path.join(dir, 'riesig.docx'), '--template', 'mitteilungsvorlage', '--amt', '1'], {
      encoding: 'utf8',
      // Before the worker, 200 MB of heap made the CLI abort on this file (V8 out of memory, rc 134).
      env: { ...process.env, VORLAGENWERK_DATA_DIR: '', NODE_OPTIONS: '--max-old-space-size=200' },
    });
    expect(r.signal).toBeNull();
    expect(r.stderr).toMatch(/^Fehler: Das Word-Dokument ist zu umfangreich/);
    expect(r.stderr).not.toMatch(/\n\s+at |FATAL|heap/i);
    expect(r.status).toBe(1);
    // Nothing was stored, and the next import works.
    expect(cli(data, '--json', 'vorlage', 'list').json<unknown[]>().length).toBe(before);
    fs.writeFileSync(path.join(dir, 'klein.docx'), small);
    expect(cli(data, 'vorlage', 'import-docx', path.join(dir, 'klein.docx'), '--template', 'mitteilungsvorlage', '--amt', '1').code).toBe(0);
  }, 180_000);
});
