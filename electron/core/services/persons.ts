import type { MemberEntry, PersonEntry } from '../../shared/api/niederschrift.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import type { Membership, MembershipRole, Person, PersonFields } from '../../shared/persons.js';
import type { AppContext } from '../app-context.js';
import { ROLE_ORDER } from '../domain/attendance.js';
import { localIsoDate } from '../domain/notice-period.js';
import { addressName } from '../domain/person-wording.js';
import { formatDateDe } from '../export/print-model.js';
import { audit } from './audit.js';

/**
 * Persons and their memberships in a Gremium. DSGVO: a person can be deleted or anonymised as
 * long as no Niederschrift names them; a Niederschrift is a record and keeps its names.
 */

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** "Dr. Eva Hartmann" → "eva-hartmann", unique among the persons. */
async function personKey(ctx: AppContext, name: string): Promise<string> {
  const base =
    name
      .toLowerCase()
      .replace(/[äöüß]/g, (c) => UMLAUTS[c]!)
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'person';
  let key = base;
  for (let n = 2; await ctx.store.persons.byKey(key); n++) key = `${base}-${n}`;
  return key;
}

export async function personEntry(ctx: AppContext, p: Person): Promise<PersonEntry> {
  const use = await ctx.store.persons.use(p.id);
  return { ...p, namedIn: use.meetings.map((m) => ({ meetingId: m.id, start: m.start })), memberships: use.memberships };
}

export async function requirePerson(ctx: AppContext, id: number): Promise<Person> {
  const p = await ctx.store.persons.get(id);
  if (!p) throw notFound(`Die Person ${id}`);
  return p;
}

export async function createPerson(ctx: AppContext, fields: PersonFields, key?: string): Promise<Person> {
  const person = await ctx.store.persons.insert({ ...fields, name: fields.name.trim(), key: key ?? await personKey(ctx, fields.name) });
  await audit(ctx, 'person.angelegt', {}, { personId: person.id });
  return person;
}

export async function updatePerson(ctx: AppContext, id: number, fields: PersonFields): Promise<Person> {
  const current = await requirePerson(ctx, id);
  const updated = await ctx.store.persons.update({ ...current, ...fields, name: fields.name.trim() });
  await audit(ctx, 'person.geaendert', {}, { personId: id });
  return updated;
}

/** Refuses with the Sitzungen named when a Niederschrift names the person. */
export async function removePerson(ctx: AppContext, id: number, mode: 'delete' | 'anonymise'): Promise<void> {
  const person = await requirePerson(ctx, id);
  const use = await ctx.store.persons.use(id);
  if (use.meetings.length) {
    const dates = use.meetings.map((m) => formatDateDe(m.start));
    const shown = dates.length > 5 ? `${dates.slice(0, 5).join(', ')} und ${dates.length - 5} weiteren` : dates.join(', ');
    throw conflict(
      `${addressName(person)} wird in der Niederschrift ${use.meetings.length === 1 ? 'der Sitzung' : 'der Sitzungen'} vom ${shown} genannt. ` +
        'Eine Niederschrift ist ein Protokoll und behält ihre Namen; die Person kann daher weder gelöscht noch anonymisiert werden. ' +
        'Ihre Mitgliedschaften können beendet werden.',
    );
  }
  if (mode === 'delete') {
    await ctx.store.persons.delete(id);
    await audit(ctx, 'person.geloescht', {}, { personId: id });
  } else {
    // The seats stay (history of the Gremium), nothing identifies the person any more.
    await ctx.store.persons.update({ ...person, key: `person-${id}`, name: `Person ${id} (anonymisiert)`, formOfAddress: 'none', title: '', affiliation: '', email: '' });
    await audit(ctx, 'person.anonymisiert', {}, { personId: id });
  }
}

// ───────────────────────────── memberships ─────────────────────────────

export async function memberEntries(ctx: AppContext, committeeId: number, on = localIsoDate(ctx.now())): Promise<MemberEntry[]> {
  const persons = new Map((await ctx.store.persons.list()).map((p) => [p.id, p]));
  const name = (id: number) => {
    const p = persons.get(id);
    return p ? addressName(p) : `Person ${id}`;
  };
  return (await ctx.store.memberships.forCommittee(committeeId)).map((m) => ({
    ...m,
    personName: name(m.personId),
    representsName: m.representsPersonId === null ? null : name(m.representsPersonId),
    active: m.from <= on && (m.until === null || m.until >= on),
  }));
}

async function requireCommitteeId(ctx: AppContext, committeeId: number) {
  const c = await ctx.store.committees.get(committeeId);
  if (!c) throw notFound(`Das Gremium ${committeeId}`);
  return c;
}

const overlaps = (a: Pick<Membership, 'from' | 'until'>, b: Pick<Membership, 'from' | 'until'>) =>
  a.from <= (b.until ?? '9999-12-31') && b.from <= (a.until ?? '9999-12-31');

export interface NewMember {
  committeeId: number;
  personId: number;
  role: MembershipRole;
  representsPersonId: number | null;
  from: string;
  until: string | null;
}

export async function addMember(ctx: AppContext, m: NewMember): Promise<Membership> {
  const committee = await requireCommitteeId(ctx, m.committeeId);
  const person = await requirePerson(ctx, m.personId);
  if (m.until !== null && m.until < m.from) throw invalid('Das Ende der Mitgliedschaft liegt vor ihrem Beginn.', [{ path: 'until', message: 'vor dem Beginn' }]);
  const existing = await ctx.store.memberships.forCommittee(m.committeeId);
  if (m.role === 'stellvertretung') {
    if (m.representsPersonId !== null) {
      if (m.representsPersonId === m.personId) throw invalid('Eine Person kann nicht ihre eigene Stellvertretung sein.');
      await requirePerson(ctx, m.representsPersonId);
      if (!existing.some((x) => x.personId === m.representsPersonId && x.role !== 'stellvertretung' && overlaps(x, m))) {
        throw invalid('Die vertretene Person ist in dieser Zeit kein Mitglied des Gremiums.', [{ path: 'representsPersonId', message: 'kein Mitglied' }]);
      }
    }
  } else if (m.representsPersonId !== null) {
    throw invalid('Nur eine Stellvertretung vertritt ein Mitglied.', [{ path: 'representsPersonId', message: 'nur bei Stellvertretung' }]);
  }
  if (existing.some((x) => x.personId === m.personId && x.role === m.role && overlaps(x, m))) {
    throw conflict(`${addressName(person)} ist in dieser Zeit bereits ${m.role === 'mitglied' ? 'Mitglied' : 'in dieser Rolle'} im Gremium „${committee.shortName}“.`);
  }
  if (m.role === 'vorsitz' && existing.some((x) => x.role === 'vorsitz' && overlaps(x, m))) {
    throw conflict(`Das Gremium „${committee.shortName}“ hat in dieser Zeit bereits einen Vorsitz; bitte dessen Mitgliedschaft zuerst beenden.`);
  }
  // Place by role so a new Vorsitz appears above the Mitglieder; the clerk can reorder.
  const rank = ROLE_ORDER.indexOf(m.role);
  const before = existing.find((x) => ROLE_ORDER.indexOf(x.role) > rank);
  const created = await ctx.store.memberships.insert({ ...m });
  if (before) {
    const ids = existing.map((x) => x.id);
    ids.splice(ids.indexOf(before.id), 0, created.id);
    await ctx.store.memberships.reorder(m.committeeId, ids);
  }
  await audit(ctx, 'mitglied.hinzugefuegt', {}, { committeeId: m.committeeId, personId: m.personId, role: m.role, from: m.from });
  return created;
}

export async function endMember(ctx: AppContext, id: number, until: string): Promise<Membership> {
  const m = await ctx.store.memberships.get(id);
  if (!m) throw notFound(`Die Mitgliedschaft ${id}`);
  if (until < m.from) throw invalid(`Das Ende (${formatDateDe(until)}) liegt vor dem Beginn der Mitgliedschaft (${formatDateDe(m.from)}).`, [{ path: 'until', message: 'vor dem Beginn' }]);
  const ended = await ctx.store.memberships.setUntil(id, until);
  await audit(ctx, 'mitglied.beendet', {}, { committeeId: m.committeeId, personId: m.personId, until });
  return ended;
}

export async function reorderMembers(ctx: AppContext, committeeId: number, orderedIds: number[]): Promise<void> {
  await requireCommitteeId(ctx, committeeId);
  const current = await ctx.store.memberships.forCommittee(committeeId);
  const known = new Set(current.map((m) => m.id));
  if (orderedIds.length !== current.length || new Set(orderedIds).size !== orderedIds.length || !orderedIds.every((id) => known.has(id))) {
    throw invalid('Die neue Reihenfolge muss jede Mitgliedschaft des Gremiums genau einmal enthalten.');
  }
  await ctx.store.memberships.reorder(committeeId, orderedIds);
}
