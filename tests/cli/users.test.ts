import { describe, expect, it } from 'vitest';
import { openApp } from '../../electron/core/app-context.js';
import { verifyPassword } from '../../electron/core/auth/password.js';
import { silentLogger } from '../../electron/core/log.js';
import { runCli } from '../../electron/cli/main.js';
import { call, createDispatcher } from '../../electron/core/api/dispatcher.js';
import { tempDir } from '../helpers/temp-app.js';

/** The CLI works on the data folder's SQLite file, whatever engine the other suites test. */
async function demoFolder() {
  const dir = tempDir();
  const app = await openApp({ dataDir: dir, log: silentLogger });
  const dispatch = createDispatcher(app);
  await call(dispatch, 'daten.demo', {});
  const amt = (await call(dispatch, 'aemter.list', {}))[0]!.code;
  await app.close();
  return { dir, amt };
}

async function run(dataDir: string, args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir, ...args], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    env: {},
    stdin: async () => stdin,
  });
  return { code, stdout, stderr };
}

describe('vorlagenwerk user …', () => {
  it('adds, lists, re-roles and disables team users; the password comes from stdin and is stored only as a scrypt hash', async () => {
    const { dir, amt } = await demoFolder();
    const t = { dir };

    const added = await run(t.dir, ['user', 'add', 'KMeier', '--name', 'Karin Meier', '--role', 'sachbearbeitung', '--amt', amt, '--password-stdin'], 'ein-langes-Passwort-2026\n');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe(`Benutzer angelegt: kmeier (Karin Meier): Sachbearbeitung, Amt ${amt}\n`);

    const list = await run(t.dir, ['--json', 'user', 'list']);
    const users = JSON.parse(list.stdout) as { login: string; role: string; amt: string; disabled: boolean }[];
    expect(users).toEqual([expect.objectContaining({ login: 'kmeier', role: 'sachbearbeitung', amt, disabled: false })]);
    expect(list.stdout).not.toMatch(/scrypt|passwordHash/);

    const app = await openApp({ dataDir: t.dir, log: silentLogger });
    const stored = (await app.store.users.byLogin('kmeier'))!.passwordHash;
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('ein-langes-Passwort-2026', stored)).toBe(true);
    expect(await verifyPassword('ein-langes-Passwort-2027', stored)).toBe(false);
    await app.close();

    expect((await run(t.dir, ['user', 'set-role', 'kmeier', 'sitzungsdienst'])).stdout).toBe('Neue Rolle: kmeier (Karin Meier): Sitzungsdienst\n');
    expect((await run(t.dir, ['user', 'disable', 'kmeier'])).stdout).toBe('Gesperrt: kmeier (Karin Meier): Sitzungsdienst, gesperrt\n');
  });

  it('refuses bad input with a German message and changes nothing', async () => {
    const t = { dir: (await demoFolder()).dir };
    const cases: [string[], string, RegExp][] = [
      [['user', 'add', 'a', '--name', 'A', '--role', 'lesen', '--password-stdin'], 'ein-langes-Passwort', /Login darf nur/],
      [['user', 'add', 'anna', '--name', 'Anna', '--role', 'lesen', '--password-stdin'], 'kurz', /mindestens 12 Zeichen/],
      [['user', 'add', 'anna', '--name', 'Anna', '--role', 'chef', '--password-stdin'], 'ein-langes-Passwort', /Unbekannte Rolle „chef“/],
      [['user', 'add', 'anna', '--name', 'Anna', '--role', 'sachbearbeitung', '--password-stdin'], 'ein-langes-Passwort', /braucht ein Amt/],
      [['user', 'add', 'anna', '--name', 'Anna', '--role', 'sachbearbeitung', '--amt', '999', '--password-stdin'], 'ein-langes-Passwort', /Das Amt „999“ gibt es nicht/],
      [['user', 'add', 'anna', '--name', 'Anna', '--role', 'admin', '--amt', '50', '--password-stdin'], 'ein-langes-Passwort', /--amt passt nicht/],
      [['user', 'add', "anna'; DROP TABLE app_user; --", '--name', 'Anna', '--role', 'lesen', '--password-stdin'], 'ein-langes-Passwort', /Login darf nur/],
      [['user', 'disable', 'niemand'], '', /Der Benutzer „niemand“ wurde nicht gefunden/],
    ];
    for (const [args, stdin, message] of cases) {
      const r = await run(t.dir, args, stdin);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
    const missingStdin = await run(t.dir, ['user', 'add', 'anna', '--name', 'Anna', '--role', 'lesen']);
    expect(missingStdin.code).toBe(2);
    expect(missingStdin.stderr).toMatch(/--password-stdin/);
    expect(JSON.parse((await run(t.dir, ['--json', 'user', 'list'])).stdout)).toEqual([]);
  });
});
