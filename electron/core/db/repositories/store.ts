import type { SearchIndex } from '../../search/search-index.js';
import type { SqlClient } from '../sql-client.js';
import type { Store } from './types.js';
import { SqlAgendaRepository } from './agenda.js';
import { SqlAttachmentRepository } from './attachments.js';
import { SqlAuditRepository } from './audit.js';
import { SqlBodyRepository, SqlCommitteeRepository, SqlDepartmentRepository } from './organisation.js';
import { SqlConsultationRepository } from './consultations.js';
import { SqlMeetingRepository } from './meetings.js';
import { SqlPaperRepository } from './papers.js';
import { SqlMembershipRepository, SqlPersonRepository } from './persons.js';
import { SqlAttendanceRepository, SqlMinutesRepository } from './minutes.js';
import { SqlFreigabeRepository } from './freigabe.js';
import { SqlFollowUpRepository } from './follow-ups.js';
import { SqlUserRepository } from './users.js';
import { SqlOParlRepository } from './oparl.js';

/**
 * The repositories over any engine's SqlClient; only the search index is engine-specific.
 * A new table: its migration in db/migrations/<dialect>/NNN_name.sql, its interface in types.ts
 * (a member of Store, methods returning Promises), one implementation over SqlClient in this
 * folder (portable SQL, dialect.ts for the rest), and its line here.
 */
export function createStore(sql: SqlClient, search: SearchIndex): Store {
  const body = new SqlBodyRepository(sql);
  return {
    transaction: (fn) => sql.transaction(fn),
    sql,
    search,
    body,
    departments: new SqlDepartmentRepository(sql),
    committees: new SqlCommitteeRepository(sql),
    meetings: new SqlMeetingRepository(sql),
    agenda: new SqlAgendaRepository(sql, body),
    papers: new SqlPaperRepository(sql, body),
    consultations: new SqlConsultationRepository(sql),
    attachments: new SqlAttachmentRepository(sql),
    audit: new SqlAuditRepository(sql),
    persons: new SqlPersonRepository(sql),
    memberships: new SqlMembershipRepository(sql),
    attendance: new SqlAttendanceRepository(sql),
    minutes: new SqlMinutesRepository(sql),
    freigabe: new SqlFreigabeRepository(sql),
    followUps: new SqlFollowUpRepository(sql),
    users: new SqlUserRepository(sql),
    oparl: new SqlOParlRepository(sql),
  };
}
