import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMT_SCOPE } from '../../../electron/core/api/amt-scope.js';
import { contract, type MethodName } from '../../../electron/shared/contract.js';
import { OUTPUT_PATH_PARAMS } from '../../../electron/shared/transport.js';
import { AMT_BOUND_ROLES, ROLES, type Role, type SessionUser } from '../../../electron/shared/roles.js';
import { databaseFingerprint, tempApp, type TempApp } from '../../helpers/temp-app.js';

const methods = Object.keys(contract) as MethodName[];
const rolesOf = (method: MethodName) => (contract[method] as { roles?: readonly Role[] }).roles;
const userWith = (role: Role, departmentId: number | null = null): SessionUser => ({ id: 99, login: `nutzer-${role}`, name: `Nutzer ${role}`, role, departmentId });
/** Methods that write only an output file for the caller (exports, previews), not data. */
const writesOnlyAFile = (method: MethodName) => OUTPUT_PATH_PARAMS[method] !== undefined;

describe('roles in the contract', () => {
  it.each(methods)('%s declares the roles that may call it', (method) => {
    const roles = rolesOf(method);
    expect(Array.isArray(roles) && roles.length > 0).toBe(true);
    for (const role of roles!) expect(ROLES).toContain(role);
    // Admin administers: there is nothing an admin may not do.
    expect(roles).toContain('admin');
  });

  it('reads are open to lesen, changes never are', () => {
    for (const method of methods) {
      const def = contract[method] as { mutates?: boolean; roles: readonly Role[] };
      if (!def.mutates && !method.startsWith('sicherung.')) expect(def.roles, method).toContain('lesen');
      if (def.mutates && !writesOnlyAFile(method)) expect(def.roles, method).not.toContain('lesen');
    }
  });

  it('every changing method open to an Amt-bound role knows which Amt a call touches', () => {
    const missing = methods.filter(
      (m) => (contract[m] as { mutates?: boolean }).mutates && !writesOnlyAFile(m) && rolesOf(m)!.some((r) => AMT_BOUND_ROLES.includes(r)) && !AMT_SCOPE[m],
    );
    expect(missing).toEqual([]);
  });
});

describe('the dispatcher enforces roles for a signed-in user', () => {
  let t: TempApp;
  beforeAll(async () => {
    t = await tempApp({ demo: true });
  });
  afterAll(() => t.close());

  it.each(methods)('%s: a role without the right gets FORBIDDEN with a German message and nothing changes', async (method) => {
    const denied = ROLES.filter((r) => !rolesOf(method)!.includes(r));
    for (const role of denied) {
      const before = await databaseFingerprint(t.app);
      const response = await t.dispatch(method, {}, { user: userWith(role, 1) });
      expect(response.ok, `${method} as ${role}`).toBe(false);
      if (response.ok) continue;
      expect(response.error.code).toBe('FORBIDDEN');
      expect(response.error.message).toMatch(/^Ihre Rolle „.+“ darf diese Funktion nicht ausführen/);
      expect(await databaseFingerprint(t.app)).toBe(before);
    }
  });

  it('lesen can read a Vorlage but not save it', async () => {
    const [paper] = await t.call('vorlagen.list', {});
    const lesen = userWith('lesen');
    expect((await t.dispatch('vorlagen.get', { ref: paper!.id }, { user: lesen })).ok).toBe(true);
    const saved = await t.dispatch('vorlagen.save', { id: paper!.id, title: 'Geändert von Lesen' }, { user: lesen });
    expect(saved).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await t.call('vorlagen.get', { ref: paper!.id })).title).toBe(paper!.title);
  });

  it('sachbearbeitung edits Vorlagen of their own Amt only, and revisions and audit events name the user', async () => {
    const papers = await t.call('vorlagen.list', {});
    const amtA = papers[0]!.departmentId;
    const own = papers[0]!;
    const foreign = papers.find((p) => p.departmentId !== amtA);
    expect(foreign, 'the demo has Vorlagen of two Ämter').toBeDefined();
    const user = { ...userWith('sachbearbeitung', amtA), login: 'kmeier', name: 'Karin Meier' };

    const before = await databaseFingerprint(t.app);
    const refused = await t.dispatch('vorlagen.save', { id: foreign!.id, title: 'Fremd geändert' }, { user });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Sie dürfen nur Vorlagen Ihres eigenen Amtes bearbeiten.' } });
    // Moving one's own Vorlage into another Amt is the same as editing that Amt's Vorlagen.
    const moved = await t.dispatch('vorlagen.save', { id: own.id, departmentId: foreign!.departmentId }, { user });
    expect(moved).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const created = await t.dispatch('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: foreign!.departmentId, title: 'Neu im fremden Amt' }, { user });
    expect(created).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const deleted = await t.dispatch('vorlagen.delete', { id: foreign!.id }, { user });
    expect(deleted).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await databaseFingerprint(t.app)).toBe(before);

    const saved = await t.dispatch('vorlagen.save', { id: own.id, title: 'Von Karin Meier überarbeitet' }, { user });
    expect(saved.ok).toBe(true);
    const history = await t.call('vorlagen.history', { ref: own.id });
    expect(history.revisions.map((r) => r.author)).toContain('Karin Meier (kmeier)');
    const created2 = await t.dispatch('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: amtA, title: 'Neu im eigenen Amt' }, { user });
    expect(created2.ok).toBe(true);
    const activity = await t.call('app.activity', { limit: 1 });
    expect(activity[0]).toMatchObject({ action: 'vorlage.erstellt', actor: 'Karin Meier (kmeier)' });
  });

  it('sachbearbeitung exports a Vorlage of another Amt (reading is open to all)', async () => {
    const papers = await t.call('vorlagen.list', {});
    const foreign = papers.find((p) => p.departmentId !== papers[0]!.departmentId)!;
    const file = path.join(t.dir, 'fremd.html');
    const response = await t.dispatch('vorlagen.exportHtml', { ref: foreign.id, path: file }, { user: userWith('sachbearbeitung', papers[0]!.departmentId) });
    expect(response.ok).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toContain(foreign.title.slice(0, 20));
  });

  it('an Amt-bound user without an Amt changes nothing', async () => {
    const [paper] = await t.call('vorlagen.list', {});
    const response = await t.dispatch('vorlagen.save', { id: paper!.id, title: 'Ohne Amt' }, { user: userWith('sachbearbeitung', null) });
    expect(response).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('without a user (desktop, web mode, CLI) every method is open as before', async () => {
    const [paper] = await t.call('vorlagen.list', {});
    expect((await t.dispatch('hausvorlage.get', {})).ok).toBe(true);
    expect((await t.dispatch('vorlagen.save', { id: paper!.id, title: `${paper!.title} (geprüft)` })).ok).toBe(true);
  });
});
