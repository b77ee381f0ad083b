import type { Attachment } from '../../../shared/schemas.js';
import type { Db } from '../connection.js';
import { sha256 } from '../hash.js';
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

export class SqliteAttachmentRepository implements AttachmentRepository {
  constructor(private readonly db: Db) {}
  forPaper(paperId: number): Attachment[] {
    return (this.db.prepare('SELECT * FROM attachment WHERE paper_id = ? ORDER BY position, id').all(paperId) as AttachmentRow[]).map(toAttachment);
  }
  get(id: number): Attachment | null {
    const r = this.db.prepare('SELECT * FROM attachment WHERE id = ?').get(id) as AttachmentRow | undefined;
    return r ? toAttachment(r) : null;
  }
  insert(a: NewAttachment): Attachment {
    let hash = a.sha256;
    let size: number;
    if (a.data) {
      hash = sha256(a.data);
      size = a.data.byteLength;
      this.db.prepare('INSERT OR IGNORE INTO file_blob (sha256, size, data) VALUES (?, ?, ?)').run(hash, size, Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength));
    } else {
      const blob = this.db.prepare('SELECT size FROM file_blob WHERE sha256 = ?').get(hash) as { size: number } | undefined;
      if (!blob) throw new Error(`file ${hash} is not stored`);
      size = blob.size;
    }
    const position =
      a.position ?? ((this.db.prepare('SELECT MAX(position) AS p FROM attachment WHERE paper_id = ?').get(a.paperId) as { p: number | null }).p ?? -1) + 1;
    const info = this.db
      .prepare('INSERT INTO attachment (paper_id, position, title, file_name, media_type, size, sha256, public) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(a.paperId, position, a.title, a.fileName, a.mediaType, size, hash, a.public ? 1 : 0);
    return this.get(Number(info.lastInsertRowid))!;
  }
  update(id: number, patch: Partial<Pick<Attachment, 'title' | 'public' | 'position' | 'fileName'>>): Attachment {
    const cur = this.get(id);
    if (!cur) throw new Error(`attachment ${id} missing`);
    this.db
      .prepare('UPDATE attachment SET title = ?, public = ?, position = ?, file_name = ? WHERE id = ?')
      .run(patch.title ?? cur.title, (patch.public ?? cur.public) ? 1 : 0, patch.position ?? cur.position, patch.fileName ?? cur.fileName, id);
    return this.get(id)!;
  }
  delete(id: number): void {
    this.db.prepare('DELETE FROM attachment WHERE id = ?').run(id);
    this.pruneBlobs();
  }
  data(hash: string): Buffer | null {
    const r = this.db.prepare('SELECT data FROM file_blob WHERE sha256 = ?').get(hash) as { data: Buffer } | undefined;
    return r?.data ?? null;
  }
  pruneBlobs(): number {
    return this.db.prepare('DELETE FROM file_blob WHERE sha256 NOT IN (SELECT sha256 FROM attachment)').run().changes;
  }
}
