import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setApi } from '../../../renderer/src/api';
import { useVorlagenStore } from '../../../renderer/src/stores/vorlagen';
import { useCoreApi } from '../core-api';
import { tempApp, type TempApp } from '../../helpers/temp-app';

/**
 * The list store against the real core (SQLite LIKE, list order, full-text index): every
 * Vorlage that matches is shown exactly once, hits first, whatever the case and umlauts.
 */
let t: TempApp;
const para = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

beforeAll(async () => {
  t = await tempApp({ demo: true });
  const departments = await t.call('aemter.list', {});
  const titles = ['Übergangsmanagement Schule – Beruf', 'übergangsquote der Kitas', 'LENKUNGSGRUPPE Integration', 'Bericht der Lenkungsgruppe', 'Sachstand Lenkungsgruppe Ü'];
  for (let i = 0; i < 230; i++) {
    const title = i < titles.length * 4 ? `${titles[i % titles.length]} ${i}` : `Vorlage Nummer ${i}`;
    const body = i % 7 === 0 ? 'Die Lenkungsgruppe tagte zum Übergang.' : 'Nichts Besonderes.';
    await t.call('vorlagen.create', {
      template: 'mitteilungsvorlage',
      departmentId: departments[i % departments.length]!.id,
      title,
      year: 2020 + (i % 4),
      sections: { vorbemerkungen: para(body), erlaeuterungen: para('Text') },
    });
  }
  useCoreApi(t);
});
afterAll(async () => {
  setApi(null);
  await t.close();
});

describe('Vorlagen list against the core', () => {
  it.each(['Lenkungsgruppe', 'lenkungsgruppe', 'Übergang', 'übergang', 'Nummer 1', 'ü'])('shows each match of “%s” once, full-text hits first', async (text) => {
    setActivePinia(createPinia());
    const store = useVorlagenStore();
    await store.load();
    store.filter.text = text;
    await store.refresh();
    await store.ensure(0, store.total - 1);
    const rows = Array.from({ length: store.total }, (_, i) => store.rowAt(i));
    expect(rows.every(Boolean)).toBe(true);
    const ids = rows.map((p) => p!.id);
    expect(new Set(ids).size).toBe(ids.length);

    // What a user expects to find: everything with the words in number or Betreff, plus the index's hits.
    const byTitle = (await t.call('vorlagen.list', { text })).map((p) => p.id);
    const hits = text.length >= 2 ? (await t.call('suche.query', { query: text, limit: 100 })).hits.map((h) => h.paper?.id).filter((id): id is number => id !== undefined) : [];
    const rankedHits = [...new Set(hits)];
    expect(new Set(ids)).toEqual(new Set([...byTitle, ...rankedHits]));
    expect(ids.slice(0, rankedHits.length)).toEqual(rankedHits);
    // The rest in list order, as the core lists them.
    expect(ids.slice(rankedHits.length)).toEqual(byTitle.filter((id) => !rankedHits.includes(id)));
  });
});
