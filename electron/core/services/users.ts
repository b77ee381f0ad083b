import { z } from 'zod';
import { invalid, notFound } from '../../shared/errors.js';
import { AMT_BOUND_ROLES, ROLE_LABELS, RoleSchema, type Role } from '../../shared/roles.js';
import type { AppContext } from '../app-context.js';
import { hashPassword, passwordProblem } from '../auth/password.js';
import type { UserRecord } from '../db/repositories/users.js';

/** Logins are lower-case names people can type: letters, digits, dot, dash, underscore. */
const LoginSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'Der Login darf nur Kleinbuchstaben, Ziffern, Punkt, Binde- und Unterstrich enthalten (2–64 Zeichen).');

export type UserView = Omit<UserRecord, 'passwordHash'> & { amt: string | null };

function parseLogin(login: string): string {
  const parsed = LoginSchema.safeParse(login);
  if (!parsed.success) throw invalid(parsed.error.issues[0]!.message);
  return parsed.data;
}

function parseRole(role: string): Role {
  const parsed = RoleSchema.safeParse(role);
  if (!parsed.success) throw invalid(`Unbekannte Rolle „${role}“. Möglich sind: ${RoleSchema.options.join(', ')}.`);
  return parsed.data;
}

/** The Amt an Amt-bound role acts for, by its code (e.g. "50"); other roles have none. */
async function departmentFor(ctx: AppContext, role: Role, amt: string | undefined): Promise<number | null> {
  if (!AMT_BOUND_ROLES.includes(role)) {
    if (amt !== undefined) throw invalid(`Die Rolle ${ROLE_LABELS[role]} gilt für alle Ämter; --amt passt nicht dazu.`);
    return null;
  }
  if (amt === undefined) throw invalid(`Die Rolle ${ROLE_LABELS[role]} braucht ein Amt: --amt CODE (z. B. --amt 50).`);
  const department = (await ctx.store.departments.list()).find((d) => d.code === amt.trim() || d.key === amt.trim());
  if (!department) throw invalid(`Das Amt „${amt}“ gibt es nicht. Vorhandene Ämter: ${(await ctx.store.departments.list()).map((d) => d.code).join(', ') || 'keine'}.`);
  return department.id;
}

async function view(ctx: AppContext, user: UserRecord): Promise<UserView> {
  const { passwordHash: _hash, ...rest } = user;
  const amt = user.departmentId === null ? null : ((await ctx.store.departments.get(user.departmentId))?.code ?? null);
  return { ...rest, amt };
}

async function existing(ctx: AppContext, login: string): Promise<UserRecord> {
  const user = await ctx.store.users.byLogin(parseLogin(login));
  if (!user) throw notFound(`Der Benutzer „${login}“`);
  return user;
}

export async function addUser(ctx: AppContext, input: { login: string; name: string; role: string; amt?: string; password: string }): Promise<UserView> {
  const login = parseLogin(input.login);
  const name = input.name.trim();
  if (!name || name.length > 200) throw invalid('Der Name fehlt oder ist länger als 200 Zeichen.');
  const role = parseRole(input.role);
  const problem = passwordProblem(input.password);
  if (problem) throw invalid(problem);
  const departmentId = await departmentFor(ctx, role, input.amt);
  if (await ctx.store.users.byLogin(login)) throw invalid(`Den Benutzer „${login}“ gibt es schon.`);
  const passwordHash = await hashPassword(input.password);
  return view(ctx, await ctx.store.users.insert({ login, name, role, departmentId, passwordHash }, ctx.now().toISOString()));
}

export async function listUsers(ctx: AppContext): Promise<UserView[]> {
  return Promise.all((await ctx.store.users.list()).map((u) => view(ctx, u)));
}

export async function disableUser(ctx: AppContext, login: string): Promise<UserView> {
  const user = await existing(ctx, login);
  await ctx.store.users.disable(user.id, ctx.now().toISOString());
  return view(ctx, { ...user, disabled: true });
}

export async function setUserRole(ctx: AppContext, login: string, roleText: string, amt?: string): Promise<UserView> {
  const user = await existing(ctx, login);
  const role = parseRole(roleText);
  const departmentId = await departmentFor(ctx, role, amt);
  await ctx.store.users.setRole(user.id, role, departmentId, ctx.now().toISOString());
  return view(ctx, { ...user, role, departmentId });
}
