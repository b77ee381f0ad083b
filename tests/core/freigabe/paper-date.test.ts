import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { releasePaper } from '../../helpers/freigabe.js';
import { databaseFingerprint, tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';
import { textOf } from '../export/html/html-text.js';
import { DEMO_NOW, demoApp, failure, paperByKey } from '../workflow/fixtures.js';

const opened: TempApp[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});

async function open(app: Promise<TempApp>): Promise<TempApp> {
  const t = await app;
  opened.push(t);
  return t;
}

const doc = (text: string) => ({ type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }] });

/** A complete Beschlussvorlage without costs: only the Amtsleitung signs before the Freigabe. */
async function completeDraft(t: TempApp, title = 'Dolmetscherpool – Aufbau') {
  const departmentId = (await paperByKey(t, 'ehrenamt')).departmentId;
  const p = await t.call('vorlagen.create', { template: 'beschlussvorlage', departmentId, title });
  await t.call('vorlagen.save', {
    id: p.id,
    sections: { beschlussvorschlag: doc('Der Ausschuss beschließt den Aufbau eines Dolmetscherpools.'), erlaeuterungen: doc('Begründung.'), finanzielle_auswirkungen: doc('keine') },
  });
  return p;
}

describe('the Vorlage’s own date (papers.date)', () => {
  it('is set by the Freigabe when nobody dated the Vorlage, and a date set by hand before stays', async () => {
    const t = await open(demoApp());
    const undated = await completeDraft(t);
    expect((await t.call('vorlagen.get', { ref: undated.id })).date).toBeNull();
    await releasePaper(t, undated.id);
    expect((await t.call('vorlagen.get', { ref: undated.id })).date).toBe('2025-03-01');
    const release = (await t.call('vorlagen.history', { ref: undated.id })).events.find((e) => e.action === 'freigabe.erteilt')!;
    expect(release.details.date).toBe('2025-03-01');

    const dated = await completeDraft(t, 'Sprachmittlung – Rahmenvertrag');
    await t.call('vorlagen.save', { id: dated.id, date: '2025-02-20' });
    await releasePaper(t, dated.id);
    expect((await t.call('vorlagen.get', { ref: dated.id })).date).toBe('2025-02-20');
  });

  it('set by hand it makes no new Stand and voids no signature, is audited, and is locked with the text after the Freigabe', async () => {
    const t = await open(demoApp());
    const p = await completeDraft(t);
    await t.call('freigabe.approve', { ref: p.id, step: 'amtsleitung', by: 'Dr. Jana Winterfeld' });
    const before = (await t.call('vorlagen.get', { ref: p.id })).revision;

    const saved = await t.call('vorlagen.save', { id: p.id, date: '2025-02-27' });
    expect(saved).toMatchObject({ revision: before, changed: true, invalidatedSteps: [] });
    expect((await t.call('freigabe.get', { ref: p.id })).steps[0]!.approval).toMatchObject({ by: 'Dr. Jana Winterfeld' });
    const event = (await t.call('vorlagen.history', { ref: p.id })).events.find((e) => e.action === 'vorlage.datum')!;
    expect(event.details).toEqual({ from: null, to: '2025-02-27' });
    // The same date again changes nothing.
    expect((await t.call('vorlagen.save', { id: p.id, date: '2025-02-27' })).changed).toBe(false);

    const unchanged = await databaseFingerprint(t.app);
    expect(await failure(t.call('vorlagen.save', { id: p.id, date: '2025-02-30' }))).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('diesen Tag gibt es nicht') });
    expect(await failure(t.call('vorlagen.save', { id: p.id, date: '27.02.2025' }))).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('date: Datum im Format JJJJ-MM-TT erwartet') });
    expect(await databaseFingerprint(t.app)).toBe(unchanged);

    await t.call('freigabe.release', { ref: p.id, by: 'Dr. Jana Winterfeld' });
    const released = await databaseFingerprint(t.app);
    const refused = await failure(t.call('vorlagen.save', { id: p.id, date: '2025-03-05' }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('ist freigegeben');
    expect(await databaseFingerprint(t.app)).toBe(released);
    expect((await t.call('vorlagen.get', { ref: p.id })).date).toBe('2025-02-27');
  });

  it('is printed as “Datum” in the head of the HTML and DOCX Vorlage instead of the last change; undated, the last change is shown', async () => {
    let now = DEMO_NOW;
    const t = await open(demoApp(() => now));
    const p = await completeDraft(t);
    await t.call('vorlagen.save', { id: p.id, date: '2022-03-16' });
    now = new Date(2025, 2, 4, 9, 0);
    await t.call('vorlagen.save', { id: p.id, title: 'Dolmetscherpool – Aufbau und Betrieb' });
    const dir = tempDir('vw-datum-');

    await t.call('vorlagen.exportHtml', { ref: p.id, path: path.join(dir, 'v.html') });
    const html = textOf(fs.readFileSync(path.join(dir, 'v.html'), 'utf8'));
    expect(html).toContain('Datum: 16.03.2022');
    expect(html).not.toContain('04.03.2025');

    await t.call('vorlagen.exportDocx', { ref: p.id, path: path.join(dir, 'v.docx'), letterhead: false });
    // The head is the DOCX's letterhead, in its header parts (issue 14.8), so all parts are read.
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'v.docx')));
    const parts = Object.keys(zip.files).filter((n) => /^word\/(document|header\d+)\.xml$/.test(n));
    const docxText = (await Promise.all(parts.map((n) => zip.file(n)!.async('string')))).join('').replace(/<[^>]+>/g, '');
    expect(docxText).toContain('Datum: 16.03.2022');
    expect(docxText).not.toContain('04.03.2025');

    await t.call('vorlagen.save', { id: p.id, date: null });
    await t.call('vorlagen.exportHtml', { ref: p.id, path: path.join(dir, 'undatiert.html') });
    expect(textOf(fs.readFileSync(path.join(dir, 'undatiert.html'), 'utf8'))).toContain('Datum: 04.03.2025');
  });

  it('travels in the bundle as papers[].date; an older bundle without it dates released Vorlagen by their Freigabe', async () => {
    const a = await open(demoApp());
    const ehrenamt = await paperByKey(a, 'ehrenamt');
    await a.call('vorlagen.save', { id: ehrenamt.id, date: '2025-02-27' });
    const fonds = await paperByKey(a, 'integrationsfonds');
    expect(fonds.date).not.toBeNull();
    const dir = tempDir('vw-datum-bundle-');
    await a.call('daten.export', { path: path.join(dir, 'alles.json') });
    const bundle = JSON.parse(fs.readFileSync(path.join(dir, 'alles.json'), 'utf8')) as { papers: { key: string; date?: string; released?: { at: string } }[] };
    const exported = (key: string) => bundle.papers.find((p) => p.key === key)!;
    expect(exported('ehrenamt').date).toBe('2025-02-27');
    expect(exported('integrationsfonds').date).toBe(fonds.date);
    // Undated drafts carry no date at all.
    expect(bundle.papers.filter((p) => !p.released && p.key !== 'ehrenamt').every((p) => p.date === undefined)).toBe(true);

    const b = await open(tempApp({ now: () => DEMO_NOW }));
    await b.call('daten.import', { path: path.join(dir, 'alles.json') });
    expect((await paperByKey(b, 'ehrenamt')).date).toBe('2025-02-27');
    expect((await paperByKey(b, 'integrationsfonds')).date).toBe(fonds.date);

    for (const p of bundle.papers) delete p.date;
    fs.writeFileSync(path.join(dir, 'alt.json'), JSON.stringify(bundle));
    const c = await open(tempApp({ now: () => DEMO_NOW }));
    await c.call('daten.import', { path: path.join(dir, 'alt.json') });
    expect((await paperByKey(c, 'integrationsfonds')).date).toBe(exported('integrationsfonds').released!.at.slice(0, 10));
    expect((await paperByKey(c, 'ehrenamt')).date).toBeNull();
  });
});
