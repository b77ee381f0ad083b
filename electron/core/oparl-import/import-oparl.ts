import { invalid } from '../../shared/errors.js';
import { MembershipRoleSchema, type FormOfAddress, type MembershipRole } from '../../shared/persons.js';
import { CommitteeSchema, LocalDateTimeSchema, MeetingSchema, type Committee, type Meeting } from '../../shared/schemas.js';
import { formatInZone, offsetOfLocalTime } from '../../shared/time-zone.js';
import type { OParlImportSummary } from '../../shared/api/oparl.js';
import type { AppContext } from '../app-context.js';
import type { OParlImportKind } from '../db/repositories/oparl.js';
import { audit } from '../services/audit.js';
import { isoDate, isRecord, list, ref, text, typeName, type Json } from './normalize.js';
import { folderSource, urlSource, type OParlSource } from './source.js';

/** At most this many pages per list: a list that never ends is an attack or a broken server. */
const MAX_PAGES = 2_000;
const MAX_NOTES = 30;


const slug = (s: string, max = 40) =>
  s
    .toLowerCase()
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFKD').replace(/[^\x20-\x7e]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '') || 'x';

/** "des Ausschusses für Soziales", "des Kreistages", "des Sozialausschusses"; else a neutral form the user can correct. */
export function genitiveOf(name: string): string {
  const n = name.trim();
  const head = /^(Ausschuss|Rat|Beirat)\b(.*)$/.exec(n);
  if (head) return `des ${head[1] === 'Ausschuss' ? 'Ausschusses' : `${head[1]}es`}${head[2]}`;
  if (/^\S+(ausschuss|rat|tag)$/i.test(n)) return `des ${n}${/ausschuss$/i.test(n) ? 'es' : 'es'}`;
  return `des Gremiums „${n}“`;
}

const kindOf = (name: string, classification: string): Committee['kind'] => {
  const c = `${classification} ${name}`.toLowerCase();
  if (/parlament|kreistag|stadtrat|gemeinderat|^rat\b|\brat der/.test(c)) return 'rat';
  if (/kreisausschuss|hauptausschuss/.test(c)) return 'kreisausschuss';
  if (/beirat|integrationsrat/.test(c)) return 'beirat';
  if (/ausschuss|kommission/.test(c)) return 'ausschuss';
  return 'sonstiges';
};

const NOT_A_COMMITTEE = /fraktion|partei|verwaltung|institution|gruppe|einzelmandat/i;

const roleOf = (role: string): MembershipRole => {
  const r = role.toLowerCase();
  if (/stellv.*vorsitz|vorsitz.*stellv/.test(r)) return 'stellv-vorsitz';
  if (/vorsitz/.test(r)) return 'vorsitz';
  if (/stellvertret|vertreter/.test(r)) return 'stellvertretung';
  if (/beratend/.test(r)) return 'beratend';
  if (/sachkundig/.test(r)) return 'sachkundig';
  return 'mitglied';
};

const stateOf = (o: Json, start: string, nowLocal: string): Meeting['state'] => {
  if (o.cancelled === true || /abgesagt|ausgefallen/i.test(text(o.meetingState) ?? '')) return 'abgesagt';
  const state = (text(o.meetingState) ?? '').toLowerCase();
  if (/durchgef|beendet|abgeschlossen/.test(state)) return 'durchgefuehrt';
  if (start < nowLocal) return 'durchgefuehrt';
  if (/eingeladen|einberufen/.test(state)) return 'einberufen';
  return 'geplant';
};

/**
 * A Sitzung time as local wall-clock time in the Körperschaft's zone: an instant with offset is
 * converted; a time without offset is taken as local (if that time exists there).
 */
function localTime(value: unknown, zone: string): string | undefined {
  const s = text(value, 40);
  if (!s) return undefined;
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(s);
  if (local) {
    const candidate = `${local[1]}T${local[2]}`;
    return LocalDateTimeSchema.safeParse(candidate).success && offsetOfLocalTime(candidate, zone) ? candidate : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) return undefined;
  const instant = Date.parse(s);
  return Number.isNaN(instant) ? undefined : formatInZone(new Date(instant), zone).slice(0, 16);
}

interface Read {
  body: string;
  organizations: Json[];
  persons: Json[];
  meetings: Json[];
  notes: string[];
}

/** Reads System → Body → Gremien, persons (with memberships) and Sitzungen; nothing is written yet. */
async function readSource(source: OParlSource): Promise<Read> {
  const notes: string[] = [];
  const note = (n: string) => {
    if (notes.length < MAX_NOTES) notes.push(n);
  };
  const resolve = async (v: unknown): Promise<Json | null> => {
    if (isRecord(v)) return v;
    const url = ref(v);
    if (!url) return null;
    const got = await source.get(url);
    return isRecord(got) ? got : null;
  };
  const readList = async (v: unknown, what: string): Promise<Json[]> => {
    // A list is a URL of list pages; some exports embed the array itself (or a lone object).
    if (Array.isArray(v) || isRecord(v)) return (await Promise.all(list(v).map(resolve))).filter((x): x is Json => x !== null);
    const first = ref(v);
    if (!first) return [];
    const out: Json[] = [];
    const ids = new Set<string>();
    const seen = new Set<string>();
    for (let page: string | undefined = first, n = 0; page; n++) {
      if (seen.has(page) || n >= MAX_PAGES) {
        note(`Die Liste ${what} blättert im Kreis oder endet nicht; gelesen wurden ${out.length} Einträge.`);
        break;
      }
      seen.add(page);
      const got = await source.get(page);
      if (got === null) {
        note(`Die Liste ${what} (${page}) fehlt.`);
        break;
      }
      const data = isRecord(got) ? got.data : got;
      for (const item of list(data)) {
        const o = await resolve(item);
        const id = o ? ref(o) : undefined;
        // Some servers repeat objects across pages: each id once.
        if (o && id && !ids.has(id)) {
          ids.add(id);
          out.push(o);
        }
      }
      page = isRecord(got) && isRecord(got.links) ? ref(got.links.next) : undefined;
    }
    return out;
  };

  const system = await source.get(source.systemUrl);
  if (!isRecord(system)) throw invalid('Das OParl-System-Objekt fehlt oder ist kein Objekt.');
  const version = text(system.oparlVersion, 200) ?? '';
  if (version && !/oparl\.org\/(1\.0|1\.1)\/?$/.test(version)) note(`Die OParl-Version „${version}“ ist nicht 1.0 oder 1.1; gelesen wird, was passt.`);
  const bodies = await readList(system.body, 'der Körperschaften');
  const body = bodies.find((b) => !b.deleted);
  if (!body) throw invalid('Der OParl-Export nennt keine Körperschaft (Body).');
  if (bodies.length > 1) note(`Der Export enthält ${bodies.length} Körperschaften; übernommen wird nur „${text(body.name) ?? ''}“.`);
  const live = (xs: Json[]) => xs.filter((x) => x.deleted !== true);
  return {
    body: text(body.name) ?? 'Körperschaft',
    organizations: live(await readList(body.organization, 'der Gremien')),
    persons: live(await readList(body.person, 'der Personen')),
    meetings: live(await readList(body.meeting, 'der Sitzungen')),
    notes,
  };
}

/**
 * `oparl import DIR|URL`: takes over Gremien, persons, their memberships and the Sitzungen from
 * an OParl 1.0/1.1 export, so nobody retypes what the Kreis's RIS already has. Everything is read
 * and checked first, then written in one transaction. Re-importing the same export updates what
 * it created earlier (by OParl id) instead of creating duplicates. Vorlagen, TOPs and files are
 * not taken over.
 */
export async function importOParl(ctx: AppContext, input: { source: string }): Promise<OParlImportSummary> {
  const source = /^https?:\/\//i.test(input.source) ? await urlSource(input.source) : folderSource(input.source);
  const read = await readSource(source);
  const notes = read.notes;
  const note = (n: string) => {
    if (notes.length < MAX_NOTES) notes.push(n);
  };
  const { store } = ctx;
  const summary: OParlImportSummary = {
    source: input.source,
    body: read.body,
    committees: { created: 0, updated: 0 },
    persons: { created: 0, updated: 0 },
    memberships: { created: 0, updated: 0 },
    meetings: { created: 0, updated: 0 },
    notes,
  };

  await store.transaction(async () => {
    if (!(await store.body.get())) await store.body.save({ name: read.body.slice(0, 200), numberPattern: '{amt}/{nr:3}/{jahr}', agendaNumbering: 'durchgehend' });
    const zone = (await store.oparl.settings()).timeZone;
    const nowLocal = formatInZone(ctx.now(), zone).slice(0, 16);
    const linked = async <T>(id: string, kind: OParlImportKind, get: (localId: number) => Promise<T | null>): Promise<T | null> => {
      const localId = await store.oparl.importedId(id, kind);
      return localId === null ? null : get(localId);
    };

    // Gremien
    const committeeOf = new Map<string, Committee>();
    const committees = await store.committees.list();
    const uniqueCommitteeKey = (base: string) => {
      let key = base;
      for (let i = 2; committees.some((c) => c.key === key); i++) key = `${base}-${i}`;
      return key;
    };
    let skippedOrganizations = 0;
    for (const o of read.organizations) {
      const id = ref(o);
      const name = text(o.name);
      if (!id || !name) continue;
      const kind = text(o.organizationType) ?? '';
      const classification = text(o.classification) ?? '';
      if (NOT_A_COMMITTEE.test(kind) || (!kind && NOT_A_COMMITTEE.test(classification))) {
        skippedOrganizations++;
        continue;
      }
      const shortName = text(o.shortName) ?? name;
      const existing = await linked(id, 'committee', (x) => store.committees.get(x));
      const fields = { name, shortName, genitive: genitiveOf(name), kind: kindOf(name, classification) };
      if (existing) {
        const updated = await store.committees.update({ ...existing, name, shortName });
        committeeOf.set(id, updated);
        summary.committees.updated++;
        continue;
      }
      const sameName = committees.find((c) => c.name.toLowerCase() === name.toLowerCase());
      const candidate = sameName ?? { key: uniqueCommitteeKey(slug(shortName)), ...fields, noticePeriodDays: 7, supplementNoticePeriodDays: null, noticeWorkdaysOnly: false, chair: '' };
      const parsed = CommitteeSchema.omit({ id: true }).safeParse(candidate);
      if (!parsed.success) {
        note(`Das Gremium „${name}“ wurde nicht übernommen (unvollständige Angaben).`);
        continue;
      }
      const committee = sameName ?? (await store.committees.insert(parsed.data));
      if (!sameName) {
        committees.push(committee);
        summary.committees.created++;
      } else summary.committees.updated++;
      await store.oparl.linkImported(id, 'committee', committee.id);
      committeeOf.set(id, committee);
    }
    if (skippedOrganizations) note(`${skippedOrganizations} Gruppierungen (Fraktionen, Parteien, Verwaltung) sind keine Gremien und wurden nicht übernommen.`);

    // Persons with a membership in one of these Gremien, and those memberships.
    const persons = await store.persons.list();
    let skippedPersons = 0;
    for (const p of read.persons) {
      const id = ref(p);
      const title = text(list(p.title)[0], 50) ?? '';
      const fullName = text(p.name) ?? [text(p.givenName), text(p.familyName)].filter(Boolean).join(' ');
      // Some exports repeat the title in the name ("Dr. Imke Sandvoss"); it is printed from `title`.
      const name = title && fullName.startsWith(`${title} `) ? fullName.slice(title.length + 1) : fullName;
      if (!id || !name) continue;
      const memberships = list(p.membership).filter(isRecord).filter((m) => typeName(m, 'Membership') === 'Membership');
      const relevant = memberships.filter((m) => {
        const org = ref(m.organization);
        return org !== undefined && committeeOf.has(org);
      });
      if (relevant.length === 0) {
        skippedPersons++;
        continue;
      }
      const address = text(p.formOfAddress);
      const formOfAddress: FormOfAddress = address === 'Frau' || address === 'Herr' ? address : 'none';
      const affiliation = text(p.affix) ?? '';
      let person = await linked(id, 'person', (x) => store.persons.get(x));
      if (person) {
        person = await store.persons.update({ ...person, name, formOfAddress, title });
        summary.persons.updated++;
      } else {
        let key = slug(text(p.familyName) ?? name.split(' ').pop() ?? name, 30);
        for (let i = 2; persons.some((x) => x.key === key); i++) key = `${slug(text(p.familyName) ?? name.split(' ').pop() ?? name, 30)}-${i}`;
        person = await store.persons.insert({ key, name, formOfAddress, title, affiliation, email: '' });
        persons.push(person);
        summary.persons.created++;
      }
      await store.oparl.linkImported(id, 'person', person.id);
      for (const m of relevant) {
        const mid = ref(m) ?? `${id}#${ref(m.organization)}`;
        const committee = committeeOf.get(ref(m.organization)!)!;
        const from = isoDate(m.startDate);
        const until = isoDate(m.endDate) ?? null;
        if (!from) {
          note(`Die Mitgliedschaft von ${name} in „${committee.name}“ hat keinen Beginn und wurde nicht übernommen.`);
          continue;
        }
        if (until !== null && until < from) {
          note(`Die Mitgliedschaft von ${name} in „${committee.name}“ endet vor ihrem Beginn und wurde nicht übernommen.`);
          continue;
        }
        const role = MembershipRoleSchema.parse(roleOf(text(m.role) ?? ''));
        const existing = await linked(mid, 'membership', (x) => store.memberships.get(x));
        if (existing) {
          if (existing.until !== until) await store.memberships.setUntil(existing.id, until);
          summary.memberships.updated++;
          continue;
        }
        const membership = await store.memberships.insert({ committeeId: committee.id, personId: person.id, role, representsPersonId: null, from, until });
        await store.oparl.linkImported(mid, 'membership', membership.id);
        summary.memberships.created++;
      }
    }
    if (skippedPersons) note(`${skippedPersons} Personen ohne Mitgliedschaft in einem übernommenen Gremium wurden nicht übernommen.`);

    // Sitzungen of these Gremien.
    let skippedMeetings = 0;
    for (const m of read.meetings) {
      const id = ref(m);
      if (!id) continue;
      const committee = list(m.organization).map(ref).map((o) => (o ? committeeOf.get(o) : undefined)).find((c) => c !== undefined);
      if (!committee) {
        skippedMeetings++;
        continue;
      }
      const start = localTime(m.start, zone);
      if (!start) {
        note(`Die Sitzung „${text(m.name) ?? id}“ hat keinen lesbaren Beginn und wurde nicht übernommen.`);
        continue;
      }
      const endLocal = localTime(m.end, zone);
      const end = endLocal && endLocal >= start ? endLocal : null;
      const location = isRecord(m.location) ? [text(m.location.description), text(m.location.room), text(m.location.streetAddress), text(m.location.locality)].filter(Boolean).join(', ').slice(0, 200) : (text(m.location) ?? '');
      const numberMatch = /^(\d{1,4})\.\s/.exec(text(m.name) ?? '');
      const fields = { committeeId: committee.id, number: numberMatch ? Number(numberMatch[1]) : null, start, end, location, state: stateOf(m, start, nowLocal) };
      const existing = await linked(id, 'meeting', (x) => store.meetings.get(x));
      if (existing) {
        await store.meetings.update({ ...existing, ...fields });
        summary.meetings.updated++;
        continue;
      }
      const baseKey = `${committee.key}-${start.slice(0, 10)}`;
      let key = baseKey;
      for (let i = 2; await store.meetings.byKey(key); i++) key = `${baseKey}-${i}`;
      const parsed = MeetingSchema.omit({ id: true }).safeParse({ key, ...fields });
      if (!parsed.success) {
        note(`Die Sitzung „${text(m.name) ?? id}“ wurde nicht übernommen (unvollständige Angaben).`);
        continue;
      }
      const meeting = await store.meetings.insert(parsed.data);
      await store.oparl.linkImported(id, 'meeting', meeting.id);
      summary.meetings.created++;
    }
    if (skippedMeetings) note(`${skippedMeetings} Sitzungen anderer Gruppierungen wurden nicht übernommen.`);
    await audit(ctx, 'oparl.import', {}, { source: input.source, committees: summary.committees, persons: summary.persons, memberships: summary.memberships, meetings: summary.meetings });
  });
  return summary;
}
