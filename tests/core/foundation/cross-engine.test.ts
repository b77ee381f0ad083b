import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../../helpers/postgres-test-db.js';
import { tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';

/**
 * The migration path of docs/team.md: a desktop's SQLite data, exported as a bundle and imported
 * into an empty PostgreSQL database, shows the same Vorlagen, Sitzungen, revisions and search
 * results there. Also: hostile text in every kind of text field is stored and found as text on
 * both engines, never run as SQL.
 */

const available = await postgresAvailable();
const open: TempApp[] = [];
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const t of open) await t.close();
  for (const drop of drops) await drop();
});

async function postgresApp(): Promise<TempApp> {
  const db = await createTestDatabase();
  drops.push(db.drop);
  const t = await tempApp({ databaseUrl: db.url });
  open.push(t);
  return t;
}

async function sqliteApp(demo: boolean): Promise<TempApp> {
  const t = await tempApp({ demo, databaseUrl: undefined });
  open.push(t);
  return t;
}

const QUERIES = ['Integr*', 'Sprachkurs OR Sprachförderung', '"Kommunales Integrationsmanagement"', 'Integration NOT Haushalt', 'Förder*', 'Sprachfoerderung', 'Woche', '50/003/2026', 'Case-Management'];

async function picture(t: TempApp) {
  const papers = (await t.call('vorlagen.list', {})).map((p) => ({ reference: p.reference, title: p.title, public: p.public, status: p.status }));
  const meetings = (await t.call('sitzungen.list', {})).map((m) => ({ key: m.key, start: m.start, state: m.state }));
  const revisions: Record<string, { number: number; hash: string }[]> = {};
  for (const p of papers) {
    revisions[p.reference] = (await t.call('vorlagen.history', { ref: p.reference })).revisions.map((r) => ({ number: r.number, hash: r.hash }));
  }
  const search: Record<string, string[]> = {};
  for (const query of QUERIES) {
    // Ranking formulas differ (bm25 vs. ts_rank_cd): the same documents must be found.
    search[query] = (await t.call('suche.query', { query, limit: 100 })).hits.map((h) => `${h.kind}: ${h.title}`).sort();
  }
  return { papers, meetings, revisions, search };
}

describe.skipIf(!available)('across engines (needs PostgreSQL)', () => {
  it('SQLite demo → bundle → PostgreSQL: same Vorlagen, Sitzungen, revisions and search results', async () => {
    const lite = await sqliteApp(true);
    const bundle = path.join(tempDir(), 'umzug.json');
    await lite.call('daten.export', { path: bundle, publicOnly: false });
    const pg = await postgresApp();
    expect(pg.app.engine).toBe('postgres');
    await pg.call('daten.import', { path: bundle });
    // A bundle carries each Vorlage's current state, not its history: the import starts every
    // Vorlage at revision 1. The same bundle imported into SQLite is the reference for that part.
    const liteImport = await sqliteApp(false);
    await liteImport.call('daten.import', { path: bundle });
    const [source, onPostgres, onSqlite] = [await picture(lite), await picture(pg), await picture(liteImport)];
    expect(source.papers.length).toBeGreaterThan(10);
    for (const [query, hits] of Object.entries(source.search)) expect(hits.length, query).toBeGreaterThan(0);
    expect(onPostgres.papers).toEqual(source.papers);
    expect(onPostgres.meetings).toEqual(source.meetings);
    expect(onPostgres.search).toEqual(source.search);
    expect(onPostgres.revisions).toEqual(onSqlite.revisions);
    expect(Object.keys(onPostgres.revisions)).toHaveLength(source.papers.length);
  });

  it('stores SQL injection attempts in text fields as text on both engines and changes nothing else', async () => {
    const attacks = [`'); DROP TABLE paper; --`, `x' OR '1'='1`, `"; DELETE FROM revision; --`, `$1 $$ ? \\' ;`, `Robert'); TRUNCATE audit_event CASCADE;--`];
    for (const t of [await sqliteApp(false), await postgresApp()]) {
      await t.call('koerperschaft.save', { name: `Kreis ${attacks[0]}`, numberPattern: '{amt}/{nr:3}/{jahr}', agendaNumbering: 'durchgehend' });
      const amt = await t.call('aemter.save', { key: 'amt-x', code: '50', name: attacks[1]!, signatory: attacks[2]! });
      const created = [];
      for (const a of attacks) {
        created.push(await t.call('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: amt.id, title: `Betreff ${a}` }));
      }
      const list = await t.call('vorlagen.list', {});
      expect(list.map((p) => p.title).sort()).toEqual(attacks.map((a) => `Betreff ${a}`).sort());
      expect((await t.call('aemter.list', {}))[0]).toMatchObject({ name: attacks[1], signatory: attacks[2] });
      // The search takes the same text as words, never as query or SQL syntax.
      for (const a of attacks) {
        const r = await t.dispatch('suche.query', { query: a });
        if (!r.ok) expect(r.error.code).toBe('VALIDATION');
      }
      const hits = await t.call('suche.query', { query: 'DROP TABLE paper' });
      expect(hits.hits.map((h) => h.title)).toEqual([`Betreff ${attacks[0]}`]);
      expect(await t.call('vorlagen.list', { text: `x' OR '1'='1` })).toHaveLength(1);
      expect((await t.call('vorlagen.history', { ref: created[0]!.id })).revisions).toHaveLength(1);
    }
  });
});
