import type Database from 'better-sqlite3';

/** A better-sqlite3 connection; its own module so migrate and the search functions need not import connection.ts (which imports them). */
export type Db = Database.Database;
