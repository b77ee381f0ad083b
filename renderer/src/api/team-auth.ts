/**
 * Team server sign-in, outside the API contract: the session is an HttpOnly cookie the page never
 * sees; the page keeps only the CSRF token, which every API call sends back in a header.
 */
export interface TeamUser {
  login: string;
  name: string;
  role: string;
  roleLabel: string;
  amt: string | null;
}

export const CSRF_HEADER = 'x-csrf-token';

let csrfToken = '';
const unauthorizedListeners = new Set<() => void>();

export const currentCsrfToken = () => csrfToken;

/** A call answered 401: the session ended (expired, logged out elsewhere, user disabled). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}
export function notifyUnauthorized(): void {
  csrfToken = '';
  for (const listener of unauthorizedListeners) listener();
}

type SessionAnswer = { ok: true; result: { user: TeamUser; csrfToken: string } } | { ok: false; error: { code: string; message: string } };

const OFFLINE = 'Keine Verbindung zum Server. Bitte versuchen Sie es gleich noch einmal.';

/**
 * Which kind of server this page came from: a team server answers GET /api/auth.session with the
 * user (200) or 401; web mode has no such route.
 */
export async function probeTeamSession(doFetch: typeof fetch = fetch): Promise<{ team: false } | { team: true; user: TeamUser | null }> {
  let response: Response;
  try {
    response = await doFetch('/api/auth.session', { method: 'GET', headers: { accept: 'application/json' }, credentials: 'same-origin' });
  } catch {
    return { team: false };
  }
  if (response.status === 401) return { team: true, user: null };
  if (response.status !== 200) return { team: false };
  const answer = (await response.json()) as SessionAnswer;
  if (!answer.ok) return { team: true, user: null };
  csrfToken = answer.result.csrfToken;
  return { team: true, user: answer.result.user };
}

export async function teamLogin(login: string, password: string, doFetch: typeof fetch = fetch): Promise<{ ok: true; user: TeamUser } | { ok: false; message: string }> {
  let response: Response;
  try {
    response = await doFetch('/api/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ login, password }),
    });
  } catch {
    return { ok: false, message: OFFLINE };
  }
  let answer: SessionAnswer;
  try {
    answer = (await response.json()) as SessionAnswer;
  } catch {
    return { ok: false, message: OFFLINE };
  }
  if (!answer.ok) return { ok: false, message: answer.error.message };
  csrfToken = answer.result.csrfToken;
  return { ok: true, user: answer.result.user };
}

export async function teamLogout(doFetch: typeof fetch = fetch): Promise<void> {
  try {
    await doFetch('/api/auth.logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: csrfToken },
      credentials: 'same-origin',
      body: '{}',
    });
  } finally {
    csrfToken = '';
  }
}
