import { afterEach, describe, expect, it } from 'vitest';
import { advanceYears } from '../../../electron/core/services/carry-forward.js';
import { markdownToDoc } from '../../../electron/core/document/markdown.js';
import { databaseFingerprint, type TempApp } from '../../helpers/temp-app.js';
import { demoApp, failure, paperByKey } from './fixtures.js';

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const blobCount = async (t: TempApp) => (await t.app.store.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM file_blob'))!.n;

describe('Fortschreiben (carry-forward)', () => {
  it('makes a new draft with a new number for the current year, same template, department, sections and Anlagen, and no Beratungsfolge', async () => {
    t = await demoApp(); // demo date 2025; last year's report is "Sachstand 2024"
    const source = await t.call('vorlagen.get', { ref: (await paperByKey(t, 'sachstand-vorjahr')).id });
    const blobs = await blobCount(t);

    const next = await t.call('vorlagen.carryForward', { ref: source.reference });
    expect(next.reference).toBe('50/012/2025'); // the KI has used 50/001 … 50/011 in 2025
    expect(next.year).toBe(2025);
    expect(next.title).toBe('Kommunales Integrationsmanagement – Sachstand 2025');
    expect(next).toMatchObject({ template: source.template, departmentId: source.departmentId, public: source.public, predecessorId: source.id, status: 'entwurf', revision: 1 });
    expect(next.sections).toEqual(source.sections);
    expect(next.consultations).toEqual([]);
    expect(next.attachments.map((a) => [a.title, a.fileName, a.sha256, a.public])).toEqual(source.attachments.map((a) => [a.title, a.fileName, a.sha256, a.public]));
    expect(next.attachments[0]!.id).not.toBe(source.attachments[0]!.id);
    // Files by reference: no new bytes stored.
    expect(await blobCount(t)).toBe(blobs);
    const content = await t.call('anlagen.content', { id: next.attachments[0]!.id });
    expect(content.dataBase64).toBe((await t.call('anlagen.content', { id: source.attachments[0]!.id })).dataBase64);

    // The source is untouched and knows its successor through the audit trail.
    const after = await t.call('vorlagen.get', { ref: source.id });
    expect(after.consultations).toEqual(source.consultations);
    expect((await t.call('vorlagen.history', { ref: source.id })).events.find((e) => e.action === 'vorlage.fortgeschrieben')!.details).toMatchObject({
      successorId: next.id,
      successorReference: '50/012/2025',
    });
  });

  it('takes a target year: numbers in that year, advances every year in the title by the distance', async () => {
    t = await demoApp();
    const haushalt = await paperByKey(t, 'haushalt-ki'); // "Haushaltsplanentwurf 2026 – Teilplan Integration", 2025
    const next = await t.call('vorlagen.carryForward', { ref: haushalt.id, year: 2026 });
    expect(next.reference).toBe('20/001/2026');
    expect(next.title).toBe('Haushaltsplanentwurf 2027 – Teilplan Integration');
    const again = await t.call('vorlagen.carryForward', { ref: next.id, year: 2026 });
    expect(again.reference).toBe('20/002/2026');
    expect(again.title).toBe(next.title);
  });

  it('deleting the carried-forward draft keeps the shared Anlage files of its predecessor', async () => {
    t = await demoApp();
    const source = await t.call('vorlagen.get', { ref: (await paperByKey(t, 'sachstand')).id });
    const next = await t.call('vorlagen.carryForward', { ref: source.id, year: 2026 });
    await t.call('vorlagen.delete', { id: next.id });
    for (const a of source.attachments) expect((await t.call('anlagen.content', { id: a.id })).dataBase64.length).toBeGreaterThan(0);
  });

  it('refuses a target year before the Vorlage, changing nothing', async () => {
    t = await demoApp();
    const before = await databaseFingerprint(t.app);
    const err = await failure(t.call('vorlagen.carryForward', { ref: (await paperByKey(t, 'sachstand')).id, year: 2023 }));
    expect(err).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Das Zieljahr 2023 liegt vor dem Jahr der Vorlage') });
    expect(await databaseFingerprint(t.app)).toBe(before);
  });

  it('shows the changes against last year’s report', async () => {
    t = await demoApp();
    const source = await paperByKey(t, 'sachstand-vorjahr');
    const next = await t.call('vorlagen.carryForward', { ref: source.id });
    await t.call('vorlagen.save', {
      id: next.id,
      sections: { ...next.sections, vorbemerkungen: markdownToDoc('Mit dieser Vorlage informiert die Verwaltung über den Sachstand 2025.') },
    });
    const d = await t.call('vorlagen.diffPredecessor', { ref: next.reference });
    expect(d.from).toMatchObject({ paperId: source.id, reference: source.reference });
    expect(d.to).toMatchObject({ paperId: next.id, reference: next.reference, revision: 2 });
    expect(d.title.runs).toEqual([
      { type: 'equal', text: 'Kommunales Integrationsmanagement – Sachstand ' },
      { type: 'delete', text: '2024' },
      { type: 'insert', text: '2025' },
    ]);
    const byKey = new Map(d.sections.map((s) => [s.key, s]));
    expect(byKey.get('vorbemerkungen')!.status).toBe('changed');
    expect(byKey.get('erlaeuterungen')!.status).toBe('unchanged');
    expect((await failure(t.call('vorlagen.diffPredecessor', { ref: source.id }))).code).toBe('VALIDATION');
  });

  it('advances plausible years only', () => {
    expect(advanceYears('Sachstand 2024', 1)).toBe('Sachstand 2025');
    expect(advanceYears('Haushalt 2024/25 und 2024/2025', 1)).toBe('Haushalt 2025/26 und 2025/2026');
    expect(advanceYears('Wirtschaftsplan 2099/00', 1)).toBe('Wirtschaftsplan 2100/01');
    expect(advanceYears('Bericht zu Vorlage 50/012/2024', 1)).toBe('Bericht zu Vorlage 50/012/2024');
    expect(advanceYears('Zuschuss 2.024,50 € für 1200 Plätze', 2)).toBe('Zuschuss 2.024,50 € für 1200 Plätze');
    expect(advanceYears('Sachstand 2024', 0)).toBe('Sachstand 2024');
  });
});
