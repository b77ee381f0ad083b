import { defineConfig } from 'vitest/config';

/**
 * The store-touching suites again, on PostgreSQL: every tempApp gets its own database copied
 * from a migrated template (tests/helpers/postgres-test-db.ts). Rendering suites (PDF, DOCX,
 * packs, renderer, E2E) do not depend on the engine and run once, on SQLite.
 * Needs a server at VW_TEST_DATABASE_URL (default postgres://vorlagenwerk:vorlagenwerk@127.0.0.1:5432/postgres).
 */
export default defineConfig({
  test: {
      include: [
        'tests/core/foundation/{store,sql-client,postgres-client,numbering,bundle,bundle-agreement,non-public,schema-semantics,cross-engine}.test.ts',
        'tests/core/workflow/{beratungsfolge,carry-forward,notice-period,resend,results}.test.ts',
        'tests/core/search/*.test.ts',
        'tests/core/reliability/{api-fuzz,injection}.test.ts',
        'tests/core/oparl/{export,leak,publish,import}.test.ts',
        'tests/core/minutes/{minutes-model,bundle-additions,attendance-rules,minutes-api}.test.ts',
        'tests/core/freigabe/{freigabe,bundle-freigabe,paper-date,agenda-marks,beschlusskontrolle,ics}.test.ts',
        // Roles per method and the team server's sessions, CSRF and login lock live in the database.
        'tests/core/api/roles.test.ts',
        'tests/server/team-server.test.ts',
      ],
      // The API fuzz makes its 10 000 calls on SQLite in the unit stage; the handlers are the same
      // code on both engines, so on PostgreSQL a quarter of them checks the SQL underneath.
      env: { VW_TEST_ENGINE: 'postgres', VW_FUZZ_RUNS: process.env.VW_FUZZ_RUNS ?? '2500' },
      globalSetup: ['tests/helpers/postgres-global-setup.ts'],
      pool: 'forks',
      maxWorkers: 2,
      testTimeout: 60_000,
      hookTimeout: 60_000,
  },
});
