import type { ApiErrorPayload } from '../../shared/errors.js';

/**
 * What a PostgreSQL failure means for the user, in German; null for errors that are not the
 * database's. The failed call's transaction was rolled back in every case, so each message can
 * say that nothing was saved. Codes: https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export function postgresErrorPayload(error: unknown): ApiErrorPayload | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (isConnectionError(error) || code === '53300' || code === '57P03') {
    return { code: 'CONFLICT', retry: true, message: 'Die Verbindung zur Datenbank ist unterbrochen. Es wurde nichts gespeichert; bitte versuchen Sie es gleich noch einmal.' };
  }
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null;
  // Two users at once: a serialization failure, a deadlock, or the same key written concurrently.
  if (code === '40001' || code === '40P01' || code === '55P03' || code === '23505') {
    return {
      code: 'CONFLICT',
      retry: true,
      message: 'Jemand anderes hat dieselben Daten gleichzeitig geändert. Es wurde nichts gespeichert; bitte laden Sie neu und versuchen Sie es noch einmal.',
    };
  }
  // Input SQLite takes but PostgreSQL's types do not: numbers beyond 32 bits (an id like
  // 9007199254740991 cannot exist), NUL characters in text.
  if (code === '22003') return { code: 'VALIDATION', message: 'Eine Zahl in der Eingabe ist zu groß. Es wurde nichts verändert.' };
  if (code === '22021' || code === '22P05' || code === '54000') {
    return { code: 'VALIDATION', message: 'Die Eingabe enthält Zeichen, die nicht gespeichert werden können (z. B. ein Nullzeichen). Es wurde nichts verändert.' };
  }
  if (code === '53100') return { code: 'INTERNAL', message: 'Der Datenträger des Datenbankservers ist voll. Es wurde nichts gespeichert; bitte wenden Sie sich an die Administration.' };
  return null;
}

/** The message of every SQLite-only function (backup, restore, file check) on PostgreSQL. */
export const POSTGRES_NO_FILE =
  'Diese Funktion gibt es nur für die SQLite-Datei der Einzelplatz-Version. Vorlagenwerk arbeitet hier mit einer PostgreSQL-Datenbank: ' +
  'Sicherungen und Wiederherstellung sind dort Sache von pg_dump/pg_restore (oder der Sicherung des Datenbankservers), siehe docs/team.md.';

/** The connection itself failed (server gone, network cut): the pool must not reuse it. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (/^(08|57P0)/.test(code) || /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH)$/.test(code))) return true;
  const message = (error as Error | null)?.message ?? '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(message);
}
