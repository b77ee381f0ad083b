import { AsyncLocalStorage } from 'node:async_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from './connection.js';
import type { SqlClient, SqlValue } from './sql-client.js';

interface OpenTransaction {
  /** Settles when the transaction has committed or rolled back. */
  ended: Promise<void>;
}

/**
 * SqlClient over one better-sqlite3 connection. The connection is synchronous and shared by
 * every caller of the process, so isolation is ours to keep: a transaction holds an async mutex
 * from BEGIN IMMEDIATE to COMMIT/ROLLBACK, AsyncLocalStorage tells which async context it belongs
 * to, and a statement from any other context waits until it has ended — nobody reads its
 * uncommitted rows or slips a statement into it.
 */
export class SqliteClient implements SqlClient {
  readonly dialect = 'sqlite' as const;
  private readonly context = new AsyncLocalStorage<OpenTransaction>();
  private open: OpenTransaction | null = null;
  private queue: Promise<void> = Promise.resolve();
  // Compiling a statement costs more than running it (a re-send prepared some 40), so each SQL
  // text is prepared once. Safe: only get/all/run are used, and SQLite re-prepares a cached
  // statement by itself after a schema change.
  private readonly statements = new Map<string, BetterSqlite3.Statement<unknown[]>>();

  constructor(readonly db: Db) {}

  get inTransaction(): boolean {
    return this.open !== null && this.context.getStore() === this.open;
  }

  private prepare(sql: string): BetterSqlite3.Statement<unknown[]> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs fn on the raw connection, for what is SQLite by nature (FTS5 search, pragmas): at once
   * inside the caller's own transaction, else once no other transaction is open.
   */
  async use<T>(fn: (db: Db) => T): Promise<T> {
    while (this.open && !this.inTransaction) await this.open.ended;
    return fn(this.db);
  }

  all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.use(() => this.prepare(sql).all(...params) as T[]);
  }

  get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.use(() => this.prepare(sql).get(...params) as T | undefined);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return this.use(() => ({ changes: this.prepare(sql).run(...params).changes }));
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn();
    const release = await this.lock();
    let ended!: () => void;
    const transaction: OpenTransaction = { ended: new Promise((resolve) => (ended = resolve)) };
    try {
      // IMMEDIATE takes the write lock up front, so two writers never deadlock on upgrade.
      this.db.exec('BEGIN IMMEDIATE');
      this.open = transaction;
      try {
        const result = await this.context.run(transaction, fn);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.open = null;
      ended();
      release();
    }
  }

  /** Waits for every transaction started before; resolves with the function that lets the next one go. */
  private lock(): Promise<() => void> {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise((resolve) => (release = resolve));
    return previous.then(() => release);
  }
}
