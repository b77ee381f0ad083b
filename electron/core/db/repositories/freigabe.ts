import { FreigabeConfigSchema, type Approval, type ApprovalStep, type FreigabeConfig, type Release } from '../../../shared/freigabe.js';
import { inIds } from '../dialect.js';
import type { SqlClient } from '../sql-client.js';
import type { FreigabeRepository, NewApproval } from './types.js';

interface ApprovalRow {
  id: number; paper_id: number; step: string; by_name: string; by_function: string; at: string;
  revision: number; revision_hash: string; invalidated_at: string | null; invalidated_reason: string | null;
}
interface ReleaseRow { by_name: string; by_function: string; at: string; revision: number; revision_hash: string }

const toApproval = (r: ApprovalRow): Approval => ({
  id: r.id,
  paperId: r.paper_id,
  step: r.step as ApprovalStep,
  by: r.by_name,
  function: r.by_function,
  at: r.at,
  revision: Number(r.revision),
  revisionHash: r.revision_hash,
  invalidatedAt: r.invalidated_at,
  invalidatedReason: r.invalidated_reason,
});
const toRelease = (r: ReleaseRow): Release => ({ by: r.by_name, function: r.by_function, at: r.at, revision: Number(r.revision), revisionHash: r.revision_hash });

export const DEFAULT_FREIGABE_CONFIG: FreigabeConfig = { steps: ['amtsleitung', 'kaemmerei'], followUpRecommendations: false, amendmentSuffix: '{nummer}/{n}', signingDepartments: {} };

export class SqlFreigabeRepository implements FreigabeRepository {
  constructor(private readonly sql: SqlClient) {}

  async config(): Promise<FreigabeConfig> {
    const row = await this.sql.get<{ steps: string; follow_up_recommendations: number; amendment_suffix: string; signing_departments: string }>('SELECT * FROM freigabe_config WHERE id = 1');
    if (!row) return DEFAULT_FREIGABE_CONFIG;
    return FreigabeConfigSchema.parse({
      steps: JSON.parse(row.steps),
      followUpRecommendations: Number(row.follow_up_recommendations) === 1,
      amendmentSuffix: row.amendment_suffix,
      signingDepartments: JSON.parse(row.signing_departments),
    });
  }

  async saveConfig(c: FreigabeConfig): Promise<void> {
    await this.sql.run(
      `INSERT INTO freigabe_config (id, steps, follow_up_recommendations, amendment_suffix, signing_departments) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET steps = excluded.steps, follow_up_recommendations = excluded.follow_up_recommendations,
         amendment_suffix = excluded.amendment_suffix, signing_departments = excluded.signing_departments`,
      [JSON.stringify(c.steps), c.followUpRecommendations ? 1 : 0, c.amendmentSuffix, JSON.stringify(c.signingDepartments)],
    );
  }

  async approvals(paperId: number): Promise<Approval[]> {
    return (await this.sql.all<ApprovalRow>('SELECT * FROM paper_approval WHERE paper_id = ? ORDER BY id', [paperId])).map(toApproval);
  }

  async addApproval(a: NewApproval): Promise<Approval> {
    const row = await this.sql.get<ApprovalRow>(
      `INSERT INTO paper_approval (paper_id, step, by_name, by_function, at, revision, revision_hash, invalidated_at, invalidated_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      [a.paperId, a.step, a.by, a.function, a.at, a.revision, a.revisionHash, a.invalidatedAt ?? null, a.invalidatedReason ?? null],
    );
    return toApproval(row!);
  }

  async invalidateApprovals(paperId: number, reason: string, at: string): Promise<Approval[]> {
    const valid = (await this.approvals(paperId)).filter((a) => a.invalidatedAt === null);
    await this.sql.run('UPDATE paper_approval SET invalidated_at = ?, invalidated_reason = ? WHERE paper_id = ? AND invalidated_at IS NULL', [at, reason, paperId]);
    return valid;
  }

  async release(paperId: number): Promise<Release | null> {
    const row = await this.sql.get<ReleaseRow>('SELECT * FROM paper_release WHERE paper_id = ?', [paperId]);
    return row ? toRelease(row) : null;
  }

  async setRelease(paperId: number, r: Release): Promise<void> {
    await this.sql.run('INSERT INTO paper_release (paper_id, by_name, by_function, at, revision, revision_hash) VALUES (?, ?, ?, ?, ?, ?)', [
      paperId, r.by, r.function, r.at, r.revision, r.revisionHash,
    ]);
  }

  async deleteRelease(paperId: number): Promise<boolean> {
    return (await this.sql.run('DELETE FROM paper_release WHERE paper_id = ?', [paperId])).changes > 0;
  }

  async releasedAmong(paperIds: readonly number[]): Promise<Set<number>> {
    if (paperIds.length === 0) return new Set();
    const ids = inIds(this.sql.dialect, 'paper_id', paperIds);
    return new Set((await this.sql.all<{ paper_id: number }>(`SELECT paper_id FROM paper_release WHERE ${ids.sql}`, ids.params)).map((r) => Number(r.paper_id)));
  }

  async amends(paperId: number): Promise<{ id: number; kind: 'ergaenzung' | 'aenderung' } | null> {
    const row = await this.sql.get<{ amends_id: number | null; amend_kind: string | null }>('SELECT amends_id, amend_kind FROM paper WHERE id = ?', [paperId]);
    return row?.amends_id ? { id: Number(row.amends_id), kind: row.amend_kind === 'aenderung' ? 'aenderung' : 'ergaenzung' } : null;
  }

  async setAmends(paperId: number, amendsId: number, kind: 'ergaenzung' | 'aenderung'): Promise<void> {
    await this.sql.run('UPDATE paper SET amends_id = ?, amend_kind = ? WHERE id = ?', [amendsId, kind, paperId]);
  }
}
