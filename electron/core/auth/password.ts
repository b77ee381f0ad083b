import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (password: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

/** Memory-hard: N = 2^15, r = 8 uses 32 MiB and about 0.1 s per hash; stored with each hash, so it can be raised later. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const maxmem = (N: number, r: number, p: number) => 128 * N * r * p + 16 * 1024 * 1024;

/** "scrypt$N$r$p$salt$hash" (base64url) with a fresh 16-byte salt per user. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const { N, r, p } = PARAMS;
  const hash = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: maxmem(N, r, p) });
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Timing-safe; a malformed stored hash is a mismatch, never an exception. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: maxmem(N, r, p) });
  return crypto.timingSafeEqual(actual, expected);
}

/**
 * Checked against when the login does not exist, so an unknown login costs the same time as a
 * wrong password and the answer time does not tell which logins exist.
 */
let dummyHash: Promise<string> | null = null;
export const hashForUnknownLogin = () => (dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex')));

/** The rules a new password must meet; German, for the CLI. */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'Das Passwort muss mindestens 12 Zeichen lang sein.';
  if (password.length > 1024) return 'Das Passwort darf höchstens 1024 Zeichen lang sein.';
  return null;
}
