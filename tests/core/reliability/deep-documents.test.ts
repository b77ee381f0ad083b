import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/core/api/dispatcher.js';
import { createFileGuardedDispatch } from '../../../electron/host/file-policy.js';
import { Outbox } from '../../../electron/host/outbox.js';
import { createWebServer, type WebServer } from '../../../electron/server/server.js';
import { DOC_LIMITS } from '../../../electron/shared/document.js';
import { databaseFingerprint, tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';

/**
 * Issue 12.10: document JSON deeper than the editor's 40 levels, or too large, is refused with
 * one German VALIDATION error at every entry point — API (IPC/CLI), HTTP, bundle import — and
 * nothing is stored. Before, 45–250 levels were stored and ≥ 300 overflowed zod's stack
 * (INTERNAL / HTTP 500).
 */

/** `lists` nested bullet lists: their innermost paragraph sits at 2 × lists block levels. */
function nestedLists(lists: number): unknown {
  let node: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'innen' }] };
  for (let i = 0; i < lists; i++) node = { type: 'bulletList', content: [{ type: 'listItem', content: [node] }] };
  return { type: 'doc', content: [node] };
}
/** The same as JSON text, for depths that JSON.stringify itself cannot write (its stack overflows). */
function nestedListsJson(lists: number): string {
  const open = '{"type":"bulletList","content":[{"type":"listItem","content":[';
  const inner = '{"type":"paragraph","content":[{"type":"text","text":"innen"}]}';
  return `{"type":"doc","content":[${open.repeat(lists)}${inner}${']}]}'.repeat(lists)}]}`;
}
/** Tables in table cells; each adds two levels (the table, its row with the cells). */
function nestedTables(tables: number): unknown {
  let block: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'Zelle' }] };
  for (let i = 0; i < tables; i++) block = { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [block] }] }] };
  return { type: 'doc', content: [block] };
}

const TOO_DEEP = /zu tief verschachtelt/;
const TOKEN = 'deep-token-0123456789abcdefghijklmn';
let t: TempApp;
let web: WebServer;
let outbox: Outbox;
let port: number;
let departmentId: number;

beforeAll(async () => {
  t = await tempApp({ demo: true });
  departmentId = (await t.call('aemter.list', {}))[0]!.id;
  outbox = new Outbox(10, tempDir('vw-deep-outbox-'));
  const rendererDir = tempDir('vw-deep-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Vorlagenwerk</title>');
  web = createWebServer({ dispatch: createFileGuardedDispatch({ dispatch: createDispatcher(t.app), outbox, dataDir: t.dir }), outbox, rendererDir, token: TOKEN });
  ({ port } = await web.listen(0));
});
afterAll(async () => {
  await web?.close();
  outbox?.close();
  await t?.close();
});

const create = (doc: unknown) => t.dispatch('vorlagen.create', { template: 'mitteilungsvorlage', departmentId, title: 'Tief', sections: { erlaeuterungen: doc } });

describe('deep and oversized documents (issue 12.10)', () => {
  it('accepts the editor limit of 40 levels and refuses one more, through the API', async () => {
    expect(await create(nestedLists(DOC_LIMITS.depth / 2))).toMatchObject({ ok: true });
    expect(await create(nestedTables(DOC_LIMITS.depth / 2))).toMatchObject({ ok: true });
    const before = await databaseFingerprint(t.app);
    for (const doc of [nestedLists(DOC_LIMITS.depth / 2 + 1), nestedTables(DOC_LIMITS.depth / 2 + 1), nestedLists(23), nestedLists(125), nestedLists(300), JSON.parse(nestedListsJson(20_000))]) {
      const r = await create(doc);
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(TOO_DEEP) } });
    }
    // The same check guards every field that holds a document: a save and the minutes of a TOP.
    const paper = (await t.call('vorlagen.list', {}))[0]!;
    expect(await t.dispatch('vorlagen.save', { id: paper.id, sections: { erlaeuterungen: nestedLists(500) } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const item = (await t.call('sitzungen.get', { id: (await t.call('sitzungen.list', {}))[0]!.id })).agenda[0]!;
    expect(await t.dispatch('tagesordnung.setResult', { id: item.id, minutes: { format: 'doc', doc: nestedLists(500) } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await databaseFingerprint(t.app)).toBe(before);
  });

  it('refuses documents with too many elements or too much text', async () => {
    const many = { type: 'doc', content: Array.from({ length: 5_000 }, () => ({ type: 'paragraph', content: Array.from({ length: 60 }, () => ({ type: 'hardBreak' })) })) };
    expect(await create(many)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/zu groß/) } });
    const text = 'x'.repeat(190_000);
    const long = { type: 'doc', content: Array.from({ length: 60 }, () => ({ type: 'paragraph', content: [{ type: 'text', text }] })) };
    expect(await create(long)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/zu groß/) } });
  });

  it('refuses a link to javascript:, of 10 000 characters or with control characters, in German, and stores nothing (issue 15)', async () => {
    const paper = (await t.call('vorlagen.list', {}))[0]!;
    const before = await databaseFingerprint(t.app);
    const linked = (href: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Richtlinie', marks: [{ type: 'link', attrs: { href } }] }] }] });
    for (const href of ['javascript:alert(1)', `https://www.musterkreis.example/${'a'.repeat(10_000)}`, 'https://www.musterkreis.example/\u0007', 'data:text/html,<script>alert(1)</script>', 'file:///C:/geheim.docx']) {
      const saved = await t.dispatch('vorlagen.save', { id: paper.id, title: 'Geändert', sections: { erlaeuterungen: linked(href) } });
      expect(saved).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/erlaeuterungen.*(keine zulässige Linkadresse|zu lang)/) } });
      if (!saved.ok) expect(saved.error.message).not.toMatch(/invalid|expected|received/i);
      expect(await create(linked(href))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await databaseFingerprint(t.app)).toBe(before);
    // An allowed one is stored as given.
    expect(await create(linked('https://www.musterkreis.example/richtlinie'))).toMatchObject({ ok: true });
  });

  it('answers HTTP 422 (VALIDATION) with the German message, never 500', async () => {
    const body = `{"template":"mitteilungsvorlage","departmentId":${departmentId},"title":"Tief","sections":{"erlaeuterungen":${nestedListsJson(20_000)}}}`;
    const res = await fetch(`http://127.0.0.1:${port}/api/vorlagen.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-vorlagenwerk-token': TOKEN, origin: `http://127.0.0.1:${port}` },
      body,
    });
    const json = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
    expect(res.status).toBe(422);
    expect(json.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(TOO_DEEP) });
  });

  it('refuses a bundle whose section or minutes are too deep, and imports nothing', async () => {
    const dir = tempDir('vw-deep-bundle-');
    const fresh = await tempApp({ dataDir: path.join(dir, 'daten') });
    try {
      const bundle = (deep: unknown, where: 'section' | 'minutes') => ({
        format: 'vorlagenwerk-bundle',
        version: 1,
        body: { name: 'Musterkreis', numberPattern: '{nr:3}/{jahr}', agendaNumbering: 'durchgehend' },
        departments: [{ key: 'a50', code: '50', name: 'Sozialamt', signatory: '' }],
        committees: [{ key: 'soz', name: 'Sozialausschuss', shortName: 'SozA', genitive: 'des Sozialausschusses', kind: 'ausschuss', noticePeriodDays: 7 }],
        meetings: [{ key: 's1', committee: 'soz', start: '2030-03-16T17:00', location: 'Kreishaus', agenda: [{ title: 'TOP', public: true, ...(where === 'minutes' ? { minutes: deep } : {}) }] }],
        papers: [{ key: 'v1', template: 'mitteilungsvorlage', department: 'a50', title: 'Tief', public: true, sections: { erlaeuterungen: where === 'section' ? deep : 'kurz' } }],
      });
      const before = await databaseFingerprint(fresh.app);
      for (const where of ['section', 'minutes'] as const) {
        for (const depth of [21, 300, 20_000]) {
          const file = path.join(dir, `tief-${where}-${depth}.json`);
          fs.writeFileSync(file, JSON.stringify(bundle('DEEP', where)).replace('"DEEP"', nestedListsJson(depth)));
          const r = await fresh.dispatch('daten.import', { path: file });
          expect(r, `${where} ${depth}`).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(TOO_DEEP) } });
        }
      }
      expect(await databaseFingerprint(fresh.app)).toBe(before);
      // Control: the same bundle with a flat document imports.
      fs.writeFileSync(path.join(dir, 'flach.json'), JSON.stringify(bundle(nestedLists(2), 'section')));
      expect(await fresh.dispatch('daten.import', { path: path.join(dir, 'flach.json') })).toMatchObject({ ok: true });
    } finally {
      await fresh.close();
    }
  });
});
