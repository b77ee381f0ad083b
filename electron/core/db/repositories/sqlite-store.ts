import type { Db } from '../connection.js';
import type { Store } from './types.js';
import { SqliteAgendaRepository } from './sqlite-agenda.js';
import { SqliteAttachmentRepository } from './sqlite-attachments.js';
import { SqliteAuditRepository } from './sqlite-audit.js';
import { SqliteBodyRepository, SqliteCommitteeRepository, SqliteDepartmentRepository } from './sqlite-organisation.js';
import { SqliteConsultationRepository } from './sqlite-consultations.js';
import { SqliteMeetingRepository } from './sqlite-meetings.js';
import { SqlitePaperRepository } from './sqlite-papers.js';

export function createSqliteStore(db: Db): Store {
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
