/**
 * The one way core code talks SQL, whatever the engine: portable SQL with `?` placeholders
 * (an adapter translates them to its own form), `INSERT … RETURNING id` for new keys, booleans
 * as 0/1 and times as ISO text. Where engines need different SQL, dialect.ts holds the one
 * difference; nothing else branches on the engine.
 */
export type SqlDialect = 'sqlite' | 'postgres';

/** Values a statement accepts; booleans are written as 0/1 by the repositories. */
export type SqlValue = string | number | bigint | null | Uint8Array;

export interface SqlClient {
  readonly dialect: SqlDialect;
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /**
   * Runs fn atomically and in isolation: statements of other callers wait until it ends, and
   * it rolls back when fn throws. Nested calls join the outer transaction.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether the calling async context runs inside a transaction. */
  readonly inTransaction: boolean;
}
