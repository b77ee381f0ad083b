import { BodySettingsSchema, DEFAULT_BODY_SETTINGS, type BodySettings } from '../../../shared/publication.js';
import type { SqlClient } from '../sql-client.js';

/** One object ever published over OParl, by its id relative to the base URL. */
export interface OParlLedgerEntry {
  path: string;
  type: string;
  /** ISO instants (UTC, seconds precision). */
  created: string;
  modified: string;
  /** SHA-256 of the object without timestamps; 'deleted' for a tombstone. */
  fingerprint: string;
  deleted: boolean;
}

export type OParlImportKind = 'committee' | 'person' | 'membership' | 'meeting';

interface LedgerRow { path: string; type: string; created: string; modified: string; fingerprint: string; deleted: number }
const toEntry = (r: LedgerRow): OParlLedgerEntry => ({ path: r.path, type: r.type, created: r.created, modified: r.modified, fingerprint: r.fingerprint, deleted: Number(r.deleted) === 1 });

/** Body settings (time zone, licences), the OParl ledger and the import links. */
export type OParlRepository = { [K in keyof SqlOParlRepository]: SqlOParlRepository[K] };

export class SqlOParlRepository {
  constructor(private readonly sql: SqlClient) {}

  async settings(): Promise<BodySettings> {
    const row = await this.sql.get<{ time_zone: string; oparl_license: string; oparl_system_license: string; legislative_terms: string }>('SELECT * FROM body_settings WHERE id = 1');
    if (!row) return DEFAULT_BODY_SETTINGS;
    return BodySettingsSchema.parse({ timeZone: row.time_zone, license: row.oparl_license, systemLicense: row.oparl_system_license, legislativeTerms: JSON.parse(row.legislative_terms) });
  }

  async saveSettings(s: BodySettings): Promise<void> {
    await this.sql.run(
      `INSERT INTO body_settings (id, time_zone, oparl_license, oparl_system_license, legislative_terms) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET time_zone = excluded.time_zone, oparl_license = excluded.oparl_license,
         oparl_system_license = excluded.oparl_system_license, legislative_terms = excluded.legislative_terms`,
      [s.timeZone, s.license, s.systemLicense, JSON.stringify(s.legislativeTerms)],
    );
  }

  async ledger(): Promise<OParlLedgerEntry[]> {
    return (await this.sql.all<LedgerRow>('SELECT * FROM oparl_object ORDER BY path')).map(toEntry);
  }

  async saveLedger(entries: readonly OParlLedgerEntry[]): Promise<void> {
    for (const e of entries) {
      await this.sql.run(
        `INSERT INTO oparl_object (path, type, created, modified, fingerprint, deleted) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (path) DO UPDATE SET type = excluded.type, created = excluded.created, modified = excluded.modified,
           fingerprint = excluded.fingerprint, deleted = excluded.deleted`,
        [e.path, e.type, e.created, e.modified, e.fingerprint, e.deleted ? 1 : 0],
      );
    }
  }

  async importedId(sourceId: string, kind: OParlImportKind): Promise<number | null> {
    const row = await this.sql.get<{ local_id: number }>('SELECT local_id FROM oparl_import WHERE source_id = ? AND kind = ?', [sourceId, kind]);
    return row ? Number(row.local_id) : null;
  }

  async linkImported(sourceId: string, kind: OParlImportKind, localId: number): Promise<void> {
    await this.sql.run(
      `INSERT INTO oparl_import (source_id, kind, local_id) VALUES (?, ?, ?)
       ON CONFLICT (source_id, kind) DO UPDATE SET local_id = excluded.local_id`,
      [sourceId, kind, localId],
    );
  }
}
