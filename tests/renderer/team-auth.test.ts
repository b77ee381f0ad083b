// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createApi } from '../../renderer/src/api/client';
import { ApiCallError } from '../../renderer/src/api/errors';
import { createHttpTransport } from '../../renderer/src/api/http-transport';
import { onUnauthorized, probeTeamSession, teamLogin } from '../../renderer/src/api/team-auth';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const user = { login: 'kmeier', name: 'Karin Meier', role: 'sachbearbeitung', roleLabel: 'Sachbearbeitung', amt: '50' };

describe('api client on the team server', () => {
  it('after login every call carries the CSRF token and no web-mode token; files are addressed without a token', async () => {
    const login = vi.fn(async () => json({ ok: true, result: { user, csrfToken: 'csrf-123' } }));
    expect(await teamLogin('kmeier', 'geheim', login)).toEqual({ ok: true, user });
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json({ ok: true, result: [] }));
    const transport = createHttpTransport({ token: '', fetch });
    await createApi(transport).call('gremien.list', {});
    const headers = fetch.mock.calls[0]![1]!.headers as Record<string, string>;
    expect(headers['x-csrf-token']).toBe('csrf-123');
    expect(headers['x-vorlagenwerk-token']).toBeUndefined();
    expect(transport.fileUrl({ id: 'abc', fileName: 'a.pdf', mediaType: 'application/pdf', size: 1 })).toBe('/files/abc');
  });

  it('a 401 answer tells the app the session ended (to show the login page) and throws the German message', async () => {
    const ended = vi.fn();
    const stop = onUnauthorized(ended);
    const fetch = vi.fn(async () => json({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Ihre Sitzung ist abgelaufen oder wurde beendet. Bitte melden Sie sich erneut an.' } }, 401));
    const error = await createApi(createHttpTransport({ token: '', fetch })).call('gremien.list', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).message).toMatch(/Sitzung ist abgelaufen/);
    expect(ended).toHaveBeenCalledTimes(1);
    stop();
  });

  it('a wrong password shows the server’s generic German message', async () => {
    const fetch = vi.fn(async () => json({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Anmeldung fehlgeschlagen: Login oder Passwort ist falsch.' } }, 401));
    expect(await teamLogin('kmeier', 'falsch', fetch)).toEqual({ ok: false, message: 'Anmeldung fehlgeschlagen: Login oder Passwort ist falsch.' });
  });

  it('tells a team server (auth.session answers 200 or 401) from web mode (no such route)', async () => {
    expect(await probeTeamSession(vi.fn(async () => json({ ok: false, error: { code: 'UNAUTHORIZED', message: '' } }, 401)))).toEqual({ team: true, user: null });
    expect(await probeTeamSession(vi.fn(async () => json({ ok: true, result: { user, csrfToken: 't' } })))).toEqual({ team: true, user });
    expect(await probeTeamSession(vi.fn(async () => json({ ok: false, error: { code: 'METHOD_NOT_ALLOWED', message: '' } }, 405)))).toEqual({ team: false });
  });
});
