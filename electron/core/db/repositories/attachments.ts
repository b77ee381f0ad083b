import type { Attachment } from '../../../shared/schemas.js';
import { sha256 } from '../hash.js';
import type { SqlClient } from '../sql-client.js';
import type { AttachmentRepository, NewAttachment } from './types.js';

interface AttachmentRow {
  id: number; paper_id: number; position: number; title: string; file_name: string; media_type: string; size: number; sha256: string; public: number;
}
const toAttachment = (r: AttachmentRow): Attachment => ({
  id: r.id,
  paperId: r.paper_id,
  position: r.position,
  title: r.title,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: r.size,
  sha256: r.sha256,
  public: r.public === 1,
});

export class SqlAttachmentRepository implements AttachmentRepository {
  constructor(private readonly sql: SqlClient) {}
  async forPaper(paperId: number): Promise<Attachment[]> {
    return (await this.sql.all<AttachmentRow>('SELECT * FROM attachment WHERE paper_id = ? ORDER BY position, id', [paperId])).map(toAttachment);
  }
  async get(id: number): Promise<Attachment | null> {
    const r = await this.sql.get<AttachmentRow>('SELECT * FROM attachment WHERE id = ?', [id]);
    return r ? toAttachment(r) : null;
  }
  async insert(a: NewAttachment): Promise<Attachment> {
    let hash = a.sha256;
    let size: number;
    if (a.data) {
      hash = sha256(a.data);
      size = a.data.byteLength;
      await this.sql.run('INSERT INTO file_blob (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
        hash,
        size,
        Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength),
      ]);
    } else {
      const blob = await this.sql.get<{ size: number }>('SELECT size FROM file_blob WHERE sha256 = ?', [hash ?? null]);
      if (!blob) throw new Error(`file ${hash} is not stored`);
      size = blob.size;
    }
    const position = a.position ?? ((await this.sql.get<{ p: number | null }>('SELECT MAX(position) AS p FROM attachment WHERE paper_id = ?', [a.paperId]))!.p ?? -1) + 1;
    const { id } = (await this.sql.get<{ id: number }>(
      'INSERT INTO attachment (paper_id, position, title, file_name, media_type, size, sha256, public) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
      [a.paperId, position, a.title, a.fileName, a.mediaType, size, hash!, a.public ? 1 : 0],
    ))!;
    return (await this.get(id))!;
  }
  async update(id: number, patch: Partial<Pick<Attachment, 'title' | 'public' | 'position' | 'fileName'>>): Promise<Attachment> {
    const cur = await this.get(id);
    if (!cur) throw new Error(`attachment ${id} missing`);
    await this.sql.run('UPDATE attachment SET title = ?, public = ?, position = ?, file_name = ? WHERE id = ?', [
      patch.title ?? cur.title,
      (patch.public ?? cur.public) ? 1 : 0,
      patch.position ?? cur.position,
      patch.fileName ?? cur.fileName,
      id,
    ]);
    return (await this.get(id))!;
  }
  async delete(id: number): Promise<void> {
    await this.sql.run('DELETE FROM attachment WHERE id = ?', [id]);
    await this.pruneBlobs();
  }
  async data(hash: string): Promise<Buffer | null> {
    const r = await this.sql.get<{ data: Buffer }>('SELECT data FROM file_blob WHERE sha256 = ?', [hash]);
    return r?.data ?? null;
  }
  async pruneBlobs(): Promise<number> {
    return (await this.sql.run('DELETE FROM file_blob WHERE sha256 NOT IN (SELECT sha256 FROM attachment)')).changes;
  }
}
