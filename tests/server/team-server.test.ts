import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printCacheDir } from '../../electron/core/export/pack/print-cache.js';
import { tempApp, type TempApp } from '../helpers/temp-app.js';
import { PASSWORD, addTestUser, api, login, teamServer } from '../helpers/team.js';

let t: TempApp;
let server: FastifyInstance;
let amtA: string;
let amtB: string;
let clock = Date.parse('2026-03-16T09:00:00Z');

beforeAll(async () => {
  t = await tempApp({ demo: true, now: () => new Date(clock) });
  const departments = await t.call('aemter.list', {});
  amtA = departments[0]!.code;
  amtB = departments[1]!.code;
  await addTestUser(t.app, 'admin', 'admin');
  await addTestUser(t.app, 'leser', 'lesen');
  await addTestUser(t.app, 'sb-a', 'sachbearbeitung', amtA);
  await addTestUser(t.app, 'gesperrt', 'sitzungsdienst');
  fs.mkdirSync(path.join(t.dir, 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(t.dir, 'renderer', 'index.html'), '<!doctype html><title>Vorlagenwerk</title>');
  // The per-IP limit has its own test; here every test signs in several times.
  server = await teamServer(t.app, { loginsPerMinute: 10_000 });
});
afterAll(async () => {
  await server.close();
  await t.close();
});

describe('team server: sign-in', () => {
  it('every API method without a session answers 401 with a German message', async () => {
    for (const method of ['vorlagen.list', 'app.info', 'vorlagen.save', 'gibt.es.nicht']) {
      const response = await api(server, null, method);
      expect(response.statusCode, method).toBe(401);
      expect(response.json()).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Bitte melden Sie sich an.' } });
    }
    expect((await server.inject({ method: 'GET', url: '/api/auth.session' })).statusCode).toBe(401);
  });

  it('login sets an HttpOnly, SameSite=Strict session cookie, and the token is in no URL or body', async () => {
    const response = await server.inject({ method: 'POST', url: '/api/auth.login', payload: { login: 'admin', password: PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'vw_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(response.body).not.toContain(cookie.value);
    expect(response.json()).toMatchObject({ ok: true, result: { user: { login: 'admin', name: 'Person admin', role: 'admin' } } });
  });

  it('behind a TLS proxy the cookie is Secure, but only when the proxy is trusted', async () => {
    const trusting = await teamServer(t.app, { trustProxy: true });
    const viaTls = await trusting.inject({ method: 'POST', url: '/api/auth.login', headers: { 'x-forwarded-proto': 'https' }, payload: { login: 'admin', password: PASSWORD } });
    expect(viaTls.cookies.find((c) => c.name === 'vw_session')?.secure).toBe(true);
    await trusting.close();
    const spoofed = await server.inject({ method: 'POST', url: '/api/auth.login', headers: { 'x-forwarded-proto': 'https' }, payload: { login: 'admin', password: PASSWORD } });
    expect(spoofed.cookies.find((c) => c.name === 'vw_session')?.secure).toBeFalsy();
  });

  it('a wrong password and an unknown login get the same generic answer', async () => {
    const wrong = await server.inject({ method: 'POST', url: '/api/auth.login', payload: { login: 'leser', password: 'falsch-falsch-falsch' } });
    const unknown = await server.inject({ method: 'POST', url: '/api/auth.login', payload: { login: 'niemand', password: 'falsch-falsch-falsch' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Anmeldung fehlgeschlagen: Login oder Passwort ist falsch.' } });
    expect(wrong.cookies.find((c) => c.name === 'vw_session')).toBeUndefined();
  });

  it('SQL injection through the login fields signs nobody in and changes nothing', async () => {
    const before = await t.app.store.users.list();
    for (const payload of [
      { login: "admin' --", password: 'x' },
      { login: "' OR '1'='1", password: "' OR '1'='1" },
      { login: "admin'; DROP TABLE app_user; --", password: PASSWORD },
    ]) {
      const response = await server.inject({ method: 'POST', url: '/api/auth.login', payload });
      expect(response.statusCode).toBe(401);
    }
    expect(await t.app.store.users.list()).toEqual(before);
  });

  it('after five failed attempts a login is refused for a while, even with the right password, for known and unknown logins alike', async () => {
    await addTestUser(t.app, 'ziel', 'lesen');
    for (const name of ['ziel', 'unbekannt']) {
      for (let i = 0; i < 5; i++) await server.inject({ method: 'POST', url: '/api/auth.login', payload: { login: name, password: `falsch-${i}-falsch-falsch` } });
    }
    const locked = await server.inject({ method: 'POST', url: '/api/auth.login', payload: { login: 'ziel', password: PASSWORD } });
    const lockedUnknown = await server.inject({ method: 'POST', url: '/api/auth.login', payload: { login: 'unbekannt', password: PASSWORD } });
    expect(locked.statusCode).toBe(429);
    expect(lockedUnknown.json()).toEqual(locked.json());
    expect(locked.json()).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Zu viele Anmeldeversuche/) } });
    clock += 16 * 60 * 1000;
    expect((await server.inject({ method: 'POST', url: '/api/auth.login', payload: { login: 'ziel', password: PASSWORD } })).statusCode).toBe(200);
  });

  it('the IP rate limit answers 429 in German after too many login requests', async () => {
    const strict = await teamServer(t.app, { loginsPerMinute: 3 });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await strict.inject({ method: 'POST', url: '/api/auth.login', payload: { login: 'x', password: 'y' } })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    const limited = await strict.inject({ method: 'POST', url: '/api/auth.login', payload: { login: 'x', password: 'y' } });
    expect(limited.json()).toMatchObject({ ok: false, error: { code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/^Zu viele Anmeldeversuche/) } });
    await strict.close();
  });
});

describe('team server: CSRF, roles and sessions', () => {
  it('an API call with the session cookie but without or with a wrong CSRF token is refused with 403 and changes nothing', async () => {
    const session = await login(server, 'admin');
    const [paper] = await t.call('vorlagen.list', {});
    const missing = await api(server, session, 'vorlagen.save', { id: paper!.id, title: 'CSRF' }, { 'x-csrf-token': '' });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('CSRF-Token') } });
    const other = await login(server, 'leser');
    const foreignToken = await api(server, session, 'vorlagen.save', { id: paper!.id, title: 'CSRF' }, { 'x-csrf-token': other.csrf });
    expect(foreignToken.statusCode).toBe(403);
    expect((await t.call('vorlagen.get', { ref: paper!.id })).title).toBe(paper!.title);
    const ok = await api(server, session, 'vorlagen.list', {});
    expect(ok.statusCode).toBe(200);
  });

  it('lesen reads but cannot save (403, German), sachbearbeitung cannot edit another Amt, and revisions name the user', async () => {
    const papers = await t.call('vorlagen.list', {});
    const departments = await t.call('aemter.list', {});
    const idOf = (code: string) => departments.find((d) => d.code === code)!.id;
    const own = papers.find((p) => p.departmentId === idOf(amtA))!;
    const foreign = papers.find((p) => p.departmentId === idOf(amtB))!;

    const leser = await login(server, 'leser');
    expect((await api(server, leser, 'vorlagen.get', { ref: own.id })).statusCode).toBe(200);
    const refused = await api(server, leser, 'vorlagen.save', { id: own.id, title: 'Von Lesen' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Ihre Rolle „Lesen“ darf diese Funktion nicht ausführen. Bitte wenden Sie sich an die Verwaltung Ihres Vorlagenwerks.' } });

    const sb = await login(server, 'sb-a');
    expect((await api(server, sb, 'vorlagen.save', { id: foreign.id, title: 'Fremd' })).statusCode).toBe(403);
    const saved = await api(server, sb, 'vorlagen.save', { id: own.id, title: 'Im eigenen Amt überarbeitet' });
    expect(saved.statusCode).toBe(200);
    const history = await t.call('vorlagen.history', { ref: own.id });
    expect(history.revisions.at(-1)?.author ?? '').toBe('Person sb-a (sb-a)');
  });

  it('logout ends the session: the same cookie then gets 401', async () => {
    const session = await login(server, 'admin');
    const out = await api(server, session, 'auth.logout');
    expect(out.statusCode).toBe(200);
    const after = await api(server, session, 'vorlagen.list');
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: { message: 'Ihre Sitzung ist abgelaufen oder wurde beendet. Bitte melden Sie sich erneut an.' } });
  });

  it('logout needs the CSRF token too', async () => {
    const session = await login(server, 'admin');
    expect((await api(server, session, 'auth.logout', {}, { 'x-csrf-token': 'falsch' })).statusCode).toBe(403);
    expect((await api(server, session, 'vorlagen.list')).statusCode).toBe(200);
  });

  it('a session idle too long, or older than the absolute limit, answers 401', async () => {
    const idle = await login(server, 'admin');
    clock += 61 * 60 * 1000;
    expect((await api(server, idle, 'vorlagen.list')).statusCode).toBe(401);

    const busy = await login(server, 'admin');
    // 14 × 50 min = 11 h 40 min in use: still valid; 50 min more passes the 12-hour limit.
    for (let step = 0; step < 14; step++) {
      clock += 50 * 60 * 1000;
      expect((await api(server, busy, 'app.info')).statusCode).toBe(200);
    }
    clock += 50 * 60 * 1000;
    expect((await api(server, busy, 'app.info')).statusCode).toBe(401);
  });

  it('a disabled user is signed out at once and cannot sign in again', async () => {
    const session = await login(server, 'gesperrt');
    expect((await api(server, session, 'vorlagen.list')).statusCode).toBe(200);
    const user = (await t.app.store.users.byLogin('gesperrt'))!;
    await t.app.store.users.disable(user.id, new Date(clock).toISOString());
    expect((await api(server, session, 'vorlagen.list')).statusCode).toBe(401);
    expect((await server.inject({ method: 'POST', url: '/api/auth.login', payload: { login: 'gesperrt', password: PASSWORD } })).statusCode).toBe(401);
  });

  it('a session cookie from another server’s database is rejected', async () => {
    const other = await tempApp({ demo: false });
    await addTestUser(other.app, 'admin', 'admin');
    const otherServer = await teamServer(other.app);
    const foreign = await login(otherServer, 'admin');
    expect((await api(otherServer, foreign, 'vorlagen.list')).statusCode).toBe(200);
    expect((await api(server, foreign, 'vorlagen.list')).statusCode).toBe(401);
    await otherServer.close();
    await other.close();
  });

  it('oversized bodies get 413, non-JSON 415, broken JSON 400, all in German', async () => {
    const session = await login(server, 'admin');
    const big = await api(server, session, 'vorlagen.list', { text: 'x'.repeat(3 * 1024 * 1024) });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Die Anfrage ist zu groß.' } });
    const huge = await server.inject({ method: 'POST', url: '/api/auth.login', headers: { 'content-type': 'application/json' }, payload: 'x'.repeat(50 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    const form = await server.inject({ method: 'POST', url: '/api/vorlagen.list', headers: { ...session.headers, 'content-type': 'text/plain' }, payload: '{}' });
    expect(form.statusCode).toBe(415);
    const broken = await server.inject({ method: 'POST', url: '/api/vorlagen.list', headers: { ...session.headers, 'content-type': 'application/json' }, payload: '{"a":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ error: { message: 'Die Anfrage ist kein gültiges JSON.' } });
  });

  it('serves the app page with the strict CSP, and output files only to the user who made them', async () => {
    const page = await server.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('Vorlagenwerk');

    const admin = await login(server, 'admin');
    const [paper] = await t.call('vorlagen.list', {});
    const exported = await api(server, admin, 'vorlagen.exportHtml', { ref: paper!.id });
    expect(exported.statusCode).toBe(200);
    const file = (exported.json() as { file: { id: string } }).file;
    const mine = await server.inject({ method: 'GET', url: `/files/${file.id}`, headers: { cookie: admin.cookie } });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(paper!.title.slice(0, 20));
    const leser = await login(server, 'leser');
    expect((await server.inject({ method: 'GET', url: `/files/${file.id}`, headers: { cookie: leser.cookie } })).statusCode).toBe(404);
    expect((await server.inject({ method: 'GET', url: `/files/${file.id}` })).statusCode).toBe(401);
  });
});

describe('team server: print cache', () => {
  it('a starting server empties its print cache (while it was stopped, another instance may have erased what it printed)', async () => {
    const other = await tempApp({ demo: false });
    const copy = path.join(printCacheDir(other.app.dataDir), 'anlagen', `${'a'.repeat(64)}.pdf`);
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.writeFileSync(copy, 'Kopie einer inzwischen gelöschten Anlage');
    const otherServer = await teamServer(other.app);
    expect(fs.existsSync(copy)).toBe(false);
    await otherServer.close();
    await other.close();
  });
});
