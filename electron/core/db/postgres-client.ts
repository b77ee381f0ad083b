import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { isConnectionError } from './postgres-errors.js';
import type { SqlClient, SqlValue } from './sql-client.js';

/**
 * SqlClient over a PostgreSQL connection pool. Statements outside a transaction go to any pooled
 * connection; a transaction holds one pooled connection from BEGIN to COMMIT/ROLLBACK, and
 * AsyncLocalStorage routes every statement of its async context (nested transactions and
 * repository calls included) to that connection. Isolation is PostgreSQL's READ COMMITTED;
 * where a read decides a write across processes (the revision check of a save), the caller locks
 * the row first (dialect.forUpdate), and counters are single atomic upserts.
 */
export class PostgresClient implements SqlClient {
  readonly dialect = 'postgres' as const;
  private readonly context = new AsyncLocalStorage<pg.PoolClient>();
  private readonly texts = new Map<string, string>();

  constructor(readonly pool: pg.Pool) {}

  /** A pool for a postgres:// URL; numbers and counts come back as JS numbers, bytea as Buffer. */
  static connect(url: string, options: { max?: number } = {}): PostgresClient {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      // A server that is down should answer the request at once, not after the OS timeout.
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
      application_name: 'vorlagenwerk',
      types: { getTypeParser },
    });
    // A pooled idle connection that the server drops (restart, admin kill) emits here; without a
    // listener that would crash the process. The pool discards it and opens a new one on demand.
    pool.on('error', () => {});
    return new PostgresClient(pool);
  }

  get inTransaction(): boolean {
    return this.context.getStore() !== undefined;
  }

  private async query<T>(sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
    let text = this.texts.get(sql);
    if (text === undefined) {
      text = toPositional(sql);
      this.texts.set(sql, text);
    }
    const values = params.map(toPg);
    const client = this.context.getStore();
    return client ? client.query<T & pg.QueryResultRow>(text, values) : this.pool.query<T & pg.QueryResultRow>(text, values);
  }

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.query<T>(sql, params)).rows;
  }

  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params)).rows[0];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn();
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // The server may end the session between two statements (restart, failover, admin kill): the
    // client reports that as an event, which must not crash the process; the next statement fails.
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      let result: T;
      try {
        result = await this.context.run(client, fn);
      } catch (error) {
        // A lost connection cannot roll back, but then the server has already discarded the
        // transaction; the connection is destroyed instead of going back to the pool.
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      }
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken ??= isConnectionError(error) ? (error as Error) : undefined;
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** int8 (COUNT, SUM) and numeric as JS numbers, like SQLite gives them; Vorlagenwerk's counts stay far below 2^53. */
function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
  if (oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
}

function toPg(value: SqlValue): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

/**
 * `?` placeholders to `$1, $2, …`. Question marks inside string literals, quoted identifiers,
 * dollar-quoted bodies and comments stay as they are.
 */
export function toPositional(sql: string): string {
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      const end = closingQuote(sql, i, ch);
      out += sql.slice(i, end);
      i = end;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))![0];
      const end = sql.indexOf(tag, i + tag.length);
      const stop = end < 0 ? sql.length : end + tag.length;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '?') {
      out += `$${++n}`;
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Index just past the quote that closes the one at start; a doubled quote is an escaped one. */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}
