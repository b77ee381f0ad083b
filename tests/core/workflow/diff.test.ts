import { afterEach, describe, expect, it } from 'vitest';
import { docToPlainText } from '../../../electron/shared/plain-text.js';
import { markdownToDoc } from '../../../electron/core/document/markdown.js';
import type { DiffRun } from '../../../electron/shared/api/beratung.js';
import type { TempApp } from '../../helpers/temp-app.js';
import { demoApp, failure, paperByKey } from './fixtures.js';

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const side = (runs: DiffRun[], type: 'insert' | 'delete') => runs.filter((r) => r.type !== type).map((r) => r.text).join('');

describe('revision diff', () => {
  it('compares two revisions word by word, section by section', async () => {
    t = await demoApp();
    // A Vorlage still in Mitzeichnung: released ones are read-only.
    const paper = await t.call('vorlagen.get', { ref: (await paperByKey(t, 'ehrenamt')).id });
    const oldText = docToPlainText(paper.sections.erlaeuterungen!);
    expect(oldText).toBe('Derzeit sind 37 Lotsinnen und Lotsen aktiv.');
    const newMarkdown = 'Derzeit sind **42** Lotsinnen und Lotsen tätig.';
    await t.call('vorlagen.save', {
      id: paper.id,
      title: 'Ehrenamtliche Integrationslotsinnen und -lotsen mit Ausblick',
      sections: { ...paper.sections, erlaeuterungen: markdownToDoc(newMarkdown), ausblick: markdownToDoc('Der Pool wird erweitert.') },
    });

    const d = await t.call('vorlagen.diff', { ref: paper.reference, from: 1, to: 2 });
    expect(d.from.revision).toBe(1);
    expect(d.to.revision).toBe(2);
    expect(d.title).toEqual({ changed: true, runs: [{ type: 'equal', text: 'Ehrenamtliche Integrationslotsinnen und -lotsen' }, { type: 'insert', text: ' mit Ausblick' }] });
    const byKey = new Map(d.sections.map((s) => [s.key, s]));
    expect(byKey.get('vorbemerkungen')).toMatchObject({ title: 'Vorbemerkungen', status: 'unchanged', inserted: 0, deleted: 0 });
    const erl = byKey.get('erlaeuterungen')!;
    expect(erl).toMatchObject({ title: 'Erläuterungen', status: 'changed', inserted: 2, deleted: 2 });
    expect(erl.runs.filter((r) => r.type !== 'equal')).toEqual([
      { type: 'delete', text: '37' },
      { type: 'insert', text: '42' },
      { type: 'delete', text: 'aktiv' },
      { type: 'insert', text: 'tätig' },
    ]);
    // The runs rebuild both texts exactly.
    expect(side(erl.runs, 'insert')).toBe(oldText);
    expect(side(erl.runs, 'delete')).toBe(docToPlainText(markdownToDoc(newMarkdown)));
    expect(byKey.get('ausblick')).toMatchObject({ status: 'added', runs: [{ type: 'insert', text: 'Der Pool wird erweitert.' }], inserted: 4 });
    expect(d.inserted).toBe(2 + 2 + 4);
    expect(d.deleted).toBe(2);

    // Reversed: the new section counts as removed.
    const back = await t.call('vorlagen.diff', { ref: paper.id, from: 2, to: 1 });
    expect(back.sections.find((s) => s.key === 'ausblick')!.status).toBe('removed');
  });

  it('reports changed fields and an unknown revision', async () => {
    t = await demoApp();
    // Not yet deliberated: a publicly deliberated Vorlage may no longer become non-public.
    const paper = await paperByKey(t, 'ehrenamt');
    await t.call('vorlagen.save', { id: paper.id, public: false });
    const d = await t.call('vorlagen.diff', { ref: paper.id, from: 1, to: 2 });
    expect(d.fields).toEqual([{ field: 'public', label: 'Sitzungsteil', from: 'öffentlich', to: 'nichtöffentlich' }]);
    expect(d.sections.every((s) => s.status === 'unchanged')).toBe(true);
    expect(d.inserted + d.deleted).toBe(0);
    const missing = await failure(t.call('vorlagen.diff', { ref: paper.id, from: 1, to: 5 }));
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: `Der Stand 5 der Vorlage ${paper.reference} wurde nicht gefunden.` });
  });
});
