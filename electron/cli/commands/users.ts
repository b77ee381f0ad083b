import type { UserView } from '../../core/services/users.js';
import { USER_ROLE_LABELS as ROLE_LABELS } from '../../shared/labels.js';
import { UsageError, defineCommands, requireOption } from '../command.js';
import { deDate, table } from '../format.js';

// The service (and zod with it) loads only when a user command runs, not for the CLI's help.
const users = () => import('../../core/services/users.js');
const optionalString = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
const describe = (u: UserView) => `${u.login} (${u.name}): ${ROLE_LABELS[u.role]}${u.amt ? `, Amt ${u.amt}` : ''}${u.disabled ? ', gesperrt' : ''}`;

/** Team server users. Passwords only through stdin: never on the command line, where `ps` and the shell history see them. */
export const userCommands = defineCommands([
  {
    name: 'user add',
    summary: 'Legt einen Benutzer des Teamservers an (Passwort über stdin)',
    usage: 'LOGIN --name NAME --role sachbearbeitung|amtsleitung|sitzungsdienst|admin|lesen [--amt CODE] --password-stdin',
    options: { name: { type: 'string' }, role: { type: 'string' }, amt: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    positionals: 1,
    run: async (ctx, a) => {
      if (a.values['password-stdin'] !== true) throw new UsageError('Das Passwort wird über stdin gelesen: --password-stdin angeben (z. B. printf %s "$PASSWORT" | vorlagenwerk user add …).');
      const password = (await ctx.stdin()).replace(/\r?\n$/, '');
      return (await users()).addUser(ctx.app, { login: a.positionals[0]!, name: requireOption(a, 'name'), role: requireOption(a, 'role'), amt: optionalString(a.values.amt), password });
    },
    print: (u: UserView, ctx) => ctx.out(`Benutzer angelegt: ${describe(u)}`),
  },
  {
    name: 'user list',
    summary: 'Listet die Benutzer des Teamservers',
    positionals: 0,
    run: async (ctx) => (await users()).listUsers(ctx.app),
    print: (rows: UserView[], ctx) =>
      ctx.out(table(['Login', 'Name', 'Rolle', 'Amt', 'Status', 'Angelegt'], rows.map((u) => [u.login, u.name, ROLE_LABELS[u.role], u.amt ?? '', u.disabled ? 'gesperrt' : 'aktiv', deDate(u.createdAt)]))),
  },
  {
    name: 'user disable',
    summary: 'Sperrt einen Benutzer und beendet seine Sitzungen',
    usage: 'LOGIN',
    positionals: 1,
    run: async (ctx, a) => (await users()).disableUser(ctx.app, a.positionals[0]!),
    print: (u: UserView, ctx) => ctx.out(`Gesperrt: ${describe(u)}`),
  },
  {
    name: 'user set-role',
    summary: 'Gibt einem Benutzer eine andere Rolle',
    usage: 'LOGIN ROLLE [--amt CODE]',
    options: { amt: { type: 'string' } },
    positionals: 2,
    run: async (ctx, a) => (await users()).setUserRole(ctx.app, a.positionals[0]!, a.positionals[1]!, optionalString(a.values.amt)),
    print: (u: UserView, ctx) => ctx.out(`Neue Rolle: ${describe(u)}`),
  },
]);
