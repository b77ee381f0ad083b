import { dropTestDatabases, ensureTemplate, postgresAvailable, TEST_DATABASE_URL } from './postgres-test-db.js';

/** Start of a PostgreSQL run: leftovers of killed runs go, the template is built once for all workers. */
export default async function setup(): Promise<() => Promise<void>> {
  if (!(await postgresAvailable())) {
    throw new Error(`Kein PostgreSQL-Server unter ${TEST_DATABASE_URL.replace(/:[^:@/]*@/, ':***@')} erreichbar (VW_TEST_DATABASE_URL).`);
  }
  await dropTestDatabases();
  await ensureTemplate();
  return async () => {
    await dropTestDatabases();
  };
}
