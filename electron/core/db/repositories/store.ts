import type { Db } from '../connection.js';
import type { Store } from './types.js';
import { SqliteAgendaRepository } from './sqlite-agenda.js';
import { SqliteAttachmentRepository } from './sqlite-attachments.js';
import { SqliteAuditRepository } from './sqlite-audit.js';
import { SqliteBodyRepository, SqliteCommitteeRepository, SqliteDepartmentRepository } from './sqlite-organisation.js';
import { SqliteConsultationRepository } from './sqlite-consultations.js';
import { SqliteMeetingRepository } from './sqlite-meetings.js';
import { SqlitePaperRepository } from './sqlite-papers.js';

/**
 * The repositories prepare their SQL on every call; compiling it costs more than running it
 * (a re-send prepared some 40 statements). This view of the connection hands out one prepared
 * statement per SQL text instead. Safe because repositories only use get/all/run (no iterate,
 * raw or pluck, which would keep or change statement state), and SQLite re-prepares a cached
 * statement by itself after a schema change.
 */
function cachingPrepare(db: Db): Db {
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  const prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function createSqliteStore(connection: Db): Store {
  const db = cachingPrepare(connection);
  const body = new SqliteBodyRepository(db);
  return {
    transaction<T>(fn: () => T): T {
      // IMMEDIATE takes the write lock up front, so two writers never deadlock on upgrade.
      return db.inTransaction ? fn() : db.transaction(fn).immediate();
    },
    body,
    departments: new SqliteDepartmentRepository(db),
    committees: new SqliteCommitteeRepository(db),
    meetings: new SqliteMeetingRepository(db),
    agenda: new SqliteAgendaRepository(db, body),
    papers: new SqlitePaperRepository(db, body),
    consultations: new SqliteConsultationRepository(db),
    attachments: new SqliteAttachmentRepository(db),
    audit: new SqliteAuditRepository(db),
  };
}
