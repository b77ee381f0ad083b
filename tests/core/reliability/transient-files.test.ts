import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/core/api/dispatcher.js';
import { writeFileAtomic } from '../../../electron/core/fs/atomic-write.js';
import { outboxDir } from '../../../electron/core/paths.js';
import { createFileGuardedDispatch } from '../../../electron/host/file-policy.js';
import { Outbox } from '../../../electron/host/outbox.js';
import { createWebServer, type WebServer } from '../../../electron/server/server.js';
import { tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';

/**
 * Issue 12.8: transient exports (a members' Sitzungsmappe with non-public TOPs, exports of a
 * Vorlage deleted later) do not outlive their use. They live in the data folder, owner-only;
 * a download or a timeout removes them; leftovers of a killed web mode are swept at the next
 * start; a killed CLI export's hidden partial temp file is swept at the next write there.
 */

const root = path.join(import.meta.dirname, '..', '..', '..');
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let t: TempApp;
beforeAll(async () => {
  t = await tempApp({ demo: true });
});
afterAll(async () => {
  await t?.close();
});

describe('transient exports (issue 12.8)', () => {
  it('live in the data folder, readable by the owner only', () => {
    const outbox = new Outbox(40, outboxDir(t.dir));
    try {
      expect(path.dirname(outbox.dir)).toBe(path.join(t.dir, 'ausgabe-temp'));
      expect(path.basename(outbox.dir)).toMatch(new RegExp(`^vorlagenwerk-ausgabe-${process.pid}-`));
      expect(fs.statSync(outbox.dir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.dirname(outbox.dir)).mode & 0o077).toBe(0);
      const entry = outbox.reserve('mappe.pdf', 'application/pdf');
      expect(fs.statSync(path.dirname(entry.path)).mode & 0o777).toBe(0o700);
    } finally {
      outbox.close();
    }
  });

  it('are swept at the next start after web mode was killed; a running one keeps its files', async () => {
    const base = outboxDir(tempDir('vw-outbox-kill-'));
    // A real process with an outbox and a committed members' pack, killed with SIGKILL.
    const script = `
      import { Outbox } from ${JSON.stringify(path.join(root, 'electron/host/outbox.ts'))};
      import fs from 'node:fs';
      const o = new Outbox(40, ${JSON.stringify(base)});
      const e = o.reserve('mitglieder.pdf', 'application/pdf');
      fs.writeFileSync(e.path, 'nichtöffentlicher TOP');
      o.commit(e.id);
      console.log(o.dir);
      setInterval(() => {}, 1000);`;
    const spawnOutbox = () => spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const dirOf = (child: ReturnType<typeof spawnOutbox>) =>
      new Promise<string>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())));
    const killed = spawnOutbox();
    const killedDir = await dirOf(killed);
    killed.kill('SIGKILL');
    await new Promise((resolve) => killed.once('exit', resolve));
    expect(fs.existsSync(killedDir)).toBe(true); // what the issue found: still there after kill -9
    const running = spawnOutbox();
    try {
      // (Its start already swept the killed one's folder; a third start must keep the running one.)
      const runningDir = await dirOf(running);
      const next = new Outbox(40, base);
      try {
        expect(fs.existsSync(killedDir)).toBe(false);
        expect(fs.existsSync(runningDir)).toBe(true);
      } finally {
        next.close();
      }
    } finally {
      running.kill('SIGKILL');
    }
  }, 60_000);

  it('are deleted after a timeout, and soon after a download', async () => {
    const outbox = new Outbox(40, tempDir('vw-outbox-ttl-'), { ttlMs: 300, afterDownloadMs: 50 });
    try {
      const make = (name: string) => {
        const e = outbox.reserve(name, 'application/pdf');
        fs.writeFileSync(e.path, name);
        outbox.commit(e.id);
        return e;
      };
      const kept = make('vorschau.pdf');
      const saved = make('gespeichert.pdf');
      outbox.downloaded(saved.id);
      await sleep(120);
      expect(outbox.get(saved.id)).toBeUndefined();
      expect(fs.existsSync(saved.path)).toBe(false);
      expect(outbox.get(kept.id)).toBeDefined();
      await sleep(300);
      expect(outbox.get(kept.id)).toBeUndefined();
      expect(fs.existsSync(kept.path)).toBe(false);
    } finally {
      outbox.close();
    }
  });

  it('web mode: a completed download (download=1) removes the file; a preview does not', async () => {
    const outbox = new Outbox(40, outboxDir(t.dir), { afterDownloadMs: 50 });
    const rendererDir = tempDir('vw-outbox-renderer-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    const token = 'outbox-token-0123456789abcdefghijk';
    const web: WebServer = createWebServer({ dispatch: createFileGuardedDispatch({ dispatch: createDispatcher(t.app), outbox, dataDir: t.dir }), outbox, rendererDir, token });
    const { port } = await web.listen(0);
    try {
      const e = outbox.reserve('mappe.pdf', 'application/pdf');
      fs.writeFileSync(e.path, '%PDF-1.4\n%%EOF\n');
      outbox.commit(e.id);
      const url = (download: boolean) => `http://127.0.0.1:${port}/files/${e.id}?token=${token}${download ? '&download=1' : ''}`;
      expect((await fetch(url(false))).status).toBe(200);
      await sleep(100);
      expect(outbox.get(e.id)).toBeDefined();
      const res = await fetch(url(true));
      expect(await res.text()).toBe('%PDF-1.4\n%%EOF\n');
      await sleep(150);
      expect(outbox.get(e.id)).toBeUndefined();
      expect((await fetch(url(true))).status).toBe(404);
    } finally {
      await web.close();
      outbox.close();
    }
  });

  it('a killed export’s partial temp file is swept at the next write into that folder', async () => {
    const out = tempDir('vw-outbox-tmp-');
    const dead = path.join(out, `.Sitzungsmappe.pdf.${deadPid()}.0123456789ab.tmp`);
    fs.writeFileSync(dead, '%PDF-1.7 halbe Mitgliedermappe');
    const live = spawn('sleep', ['30']);
    const running = path.join(out, `.Anderes.pdf.${live.pid}.ba9876543210.tmp`);
    fs.writeFileSync(running, 'wird gerade geschrieben');
    try {
      const paper = (await t.call('vorlagen.list', {}))[0]!;
      await t.call('vorlagen.exportDocx', { ref: paper.id, path: path.join(out, 'vorlage.docx') });
      expect(fs.existsSync(dead)).toBe(false);
      expect(fs.existsSync(running)).toBe(true);
      expect(fs.readdirSync(out).sort()).toEqual([path.basename(running), 'vorlage.docx']);
    } finally {
      live.kill('SIGKILL');
    }
    // Any atomic write does it, once per folder and process.
    const other = tempDir('vw-outbox-tmp2-');
    fs.writeFileSync(path.join(other, `.x.json.${deadPid()}.aaaaaaaaaaaa.tmp-journal`), '');
    await writeFileAtomic(path.join(other, 'x.json'), '{}');
    expect(fs.readdirSync(other)).toEqual(['x.json']);
  }, 60_000);
});
