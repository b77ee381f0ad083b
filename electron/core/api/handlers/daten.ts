import fs from 'node:fs';
import path from 'node:path';
import { datenMethods } from '../../../shared/api/daten.js';
import { invalid } from '../../../shared/errors.js';
import { buildBundle, bundleFilesDir, readBesideBundle } from '../../bundle/export.js';
import { importBundle } from '../../bundle/import.js';
import { sha256 } from '../../db/hash.js';
import { musterkreisDemo } from '../../demo/musterkreis.js';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { audit } from '../../services/audit.js';
import { createBackup, restoreBackup } from '../../services/backup.js';
import { defineHandlers } from '../handler.js';

const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;

function readBundleJson(file: string): unknown {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw invalid(`Die Datei ${file} wurde nicht gefunden.`);
  }
  if (!stat.isFile()) throw invalid(`${file} ist keine Datei.`);
  if (stat.size === 0) throw invalid(`Die Datei ${file} ist leer.`);
  if (stat.size > MAX_BUNDLE_BYTES) throw invalid(`Die Datei ${file} ist zu groß für ein Bundle.`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw invalid(`Die Datei ${file} ist kein gültiges JSON: ${(error as Error).message.slice(0, 120)}`);
  }
}

/**
 * The Anlagen folder beside a bundle belongs to that bundle file: after writing, whatever an
 * earlier export left there and this one does not list goes (issue 15.11: a public-only export
 * over a full one kept the non-public Anlagen beside the public JSON). Links are removed as
 * links, never followed.
 */
function removeStaleBundleFiles(folder: string, keep: Set<string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      removeStaleBundleFiles(full, keep);
      if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
    } else if (!keep.has(full)) {
      fs.rmSync(full, { force: true });
    }
  }
}

export const datenHandlers = defineHandlers(datenMethods, {
  'daten.demo': async (_input, ctx) => {
    // Idempotent: the demo goes only into a database that has no data of its own yet.
    if (await ctx.store.body.get() || await ctx.store.papers.count() > 0) return { loaded: false, summary: null };
    const demo = await musterkreisDemo(ctx.now());
    const summary = await importBundle(ctx, demo.bundle, (rel) => {
      const data = demo.files.get(rel);
      if (!data) throw new Error(`missing demo file ${rel}`);
      return data;
    }, 'Die Demodaten');
    return { loaded: true, summary };
  },
  'daten.import': ({ path: file }, ctx) => importBundle(ctx, readBundleJson(path.resolve(file)), readBesideBundle(path.resolve(file)), `Das Bundle ${path.basename(file)}`),
  'daten.export': async ({ path: file, publicOnly }, ctx) => {
    const target = path.resolve(file);
    if (!await ctx.store.body.get()) throw invalid('Die Datenbank ist leer; es gibt nichts zu exportieren.');
    const { bundle, files, summary } = await buildBundle(ctx, { publicOnly, filesDir: bundleFilesDir(target) });
    for (const [rel, data] of files) {
      const out = path.join(path.dirname(target), rel);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await writeFileAtomic(out, data);
    }
    const json = `${JSON.stringify(bundle, null, 2)}\n`;
    await writeFileAtomic(target, json);
    removeStaleBundleFiles(path.join(path.dirname(target), bundleFilesDir(target)), new Set([...files.keys()].map((rel) => path.join(path.dirname(target), rel))));
    const hash = sha256(json);
    await audit(ctx, 'export', {}, { format: 'bundle', variant: publicOnly ? 'public' : 'full', path: target, sha256: hash, bytes: Buffer.byteLength(json) });
    return { ...summary, path: target, sha256: hash };
  },
  'sicherung.create': (_input, ctx) => createBackup(ctx),
  'sicherung.list': (_input, ctx) => ctx.maintenance.listBackups(),
  'sicherung.check': (_input, ctx) => ctx.maintenance.check(),
  'sicherung.restore': ({ file }, ctx) => restoreBackup(ctx, file),
});
