import type { SqlDialect, SqlValue } from './sql-client.js';

/**
 * The few places where SQLite and PostgreSQL need different SQL, each as one small function, so
 * repositories stay written once. Every function returns SQL text for the given dialect.
 */

/** `column IN (ids)` as one parameter, so any number of ids keeps one prepared statement. */
export function inIds(dialect: SqlDialect, column: string, ids: readonly number[]): { sql: string; params: SqlValue[] } {
  return dialect === 'postgres'
    ? { sql: `${column} = ANY(CAST(? AS integer[]))`, params: [`{${ids.map((id) => Math.trunc(id)).join(',')}}`] }
    : { sql: `${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(ids)] };
}

/** Comma-joined values of a group, in the order of orderBy. */
export function listAgg(dialect: SqlDialect, expr: string, orderBy: string): string {
  // SQLite keeps the order of an ordered subquery in group_concat; the caller provides one.
  return dialect === 'postgres' ? `string_agg(CAST(${expr} AS text), ',' ORDER BY ${orderBy})` : `group_concat(${expr})`;
}

/** The larger of two values (a row function, not the aggregate). */
export function greatest(dialect: SqlDialect, a: string, b: string): string {
  return dialect === 'postgres' ? `GREATEST(${a}, ${b})` : `MAX(${a}, ${b})`;
}

/** A top-level field of a JSON text column, as text (compare it with a string parameter). */
export function jsonField(dialect: SqlDialect, column: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`unsafe JSON key ${key}`);
  return dialect === 'postgres' ? `(CAST(${column} AS jsonb) ->> '${key}')` : `CAST(json_extract(${column}, '$.${key}') AS TEXT)`;
}

/** Case-insensitive LIKE for ASCII letters, as SQLite's LIKE is. */
export function likeOperator(dialect: SqlDialect): string {
  return dialect === 'postgres' ? 'ILIKE' : 'LIKE';
}

/**
 * Suffix of a SELECT that locks the rows it reads until the transaction ends, so a read that
 * decides a write (a save's revision check) cannot interleave with another process's. SQLite
 * needs none: its transactions take the write lock up front (BEGIN IMMEDIATE).
 */
export function forUpdate(dialect: SqlDialect): string {
  return dialect === 'postgres' ? ' FOR UPDATE' : '';
}
