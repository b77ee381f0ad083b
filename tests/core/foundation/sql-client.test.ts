import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/shared/errors.js';
import { tempApp, testEngine, type TempApp } from '../../helpers/temp-app.js';

/**
 * The repositories are asynchronous over one SQLite connection: while one API call's transaction
 * waits between statements, other calls of the same process must neither see its uncommitted
 * rows nor slip their statements into it.
 */

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A promise the test resolves by hand, to hold a transaction open. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const department = { key: 'amt-99', code: '99', name: 'Amt für Prüfungen', signatory: 'Die Prüferin' };

describe(`asynchronous store over ${testEngine}`, () => {
  it('lets a read from another caller wait for an open transaction and see only committed data', async () => {
    t = await tempApp();
    const store = t.app.store;
    const hold = gate();
    const inserted = gate();
    const writing = store.transaction(async () => {
      await store.departments.insert(department);
      inserted.open();
      await hold.opened;
    });
    await inserted.opened;
    let read: string[] | undefined;
    const reading = store.departments.list().then((list) => (read = list.map((d) => d.key)));
    // Give the reader every chance to run: on SQLite it must still be waiting for the
    // transaction; PostgreSQL answers at once from the last committed state.
    try {
      if (testEngine === 'postgres') {
        // Must answer while the transaction is still open (else this waits out the 10 s).
        await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        expect(read).toEqual([]);
      } else {
        await new Promise((resolve) => setTimeout(resolve, 30));
        expect(read).toBeUndefined();
      }
    } finally {
      hold.open();
    }
    await writing;
    await reading;
    if (testEngine === 'postgres') read = (await store.departments.list()).map((d) => d.key);
    expect(read).toEqual(['amt-99']);
  });

  it('never shows a rolled-back row to a reader that waited', async () => {
    t = await tempApp();
    const store = t.app.store;
    const hold = gate();
    const inserted = gate();
    const failing = store.transaction(async () => {
      await store.departments.insert(department);
      inserted.open();
      await hold.opened;
      throw new Error('abgebrochen');
    });
    await inserted.opened;
    const reading = store.departments.list();
    hold.open();
    await expect(failing).rejects.toThrow('abgebrochen');
    expect(await reading).toEqual([]);
  });

  it('joins a nested transaction to the outer one: the outer rollback undoes both', async () => {
    t = await tempApp();
    const store = t.app.store;
    await expect(
      store.transaction(async () => {
        await store.transaction(() => store.departments.insert(department));
        expect(store.sql.inTransaction).toBe(true);
        throw new Error('abgebrochen');
      }),
    ).rejects.toThrow('abgebrochen');
    expect(await store.departments.list()).toEqual([]);
    expect(store.sql.inTransaction).toBe(false);
  });

  it('runs two concurrent saves of the same Vorlage one after the other: one is stored, the other gets CONFLICT', async () => {
    t = await tempApp({ demo: true });
    const paper = (await t.call('vorlagen.list', {}))[0]!;
    const before = await t.call('vorlagen.get', { ref: paper.id });
    const saves = await Promise.allSettled([
      t.call('vorlagen.save', { id: paper.id, expectedRevision: before.revision, title: 'Fassung A' }),
      t.call('vorlagen.save', { id: paper.id, expectedRevision: before.revision, title: 'Fassung B' }),
    ]);
    const stored = saves.filter((s) => s.status === 'fulfilled');
    const refused = saves.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(stored).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(ApiError);
    expect((refused[0]!.reason as ApiError).code).toBe('CONFLICT');
    const after = await t.call('vorlagen.get', { ref: paper.id });
    expect(after.revision).toBe(before.revision + 1);
    expect(after.title).toBe(saves[0]!.status === 'fulfilled' ? 'Fassung A' : 'Fassung B');
  });

  it('keeps many concurrent API writes apart: every Amt is created exactly once', async () => {
    t = await tempApp({ demo: true });
    const before = (await t.call('aemter.list', {})).length;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => t!.call('aemter.save', { key: `amt-p${i}`, code: `P${i}`, name: `Prüfamt ${i}`, signatory: 'Die Prüferin' })),
    );
    const keys = (await t.call('aemter.list', {})).map((d) => d.key);
    expect(keys).toHaveLength(before + 20);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
