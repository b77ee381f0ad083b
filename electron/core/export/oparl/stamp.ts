import { createHash } from 'node:crypto';
import { formatInZone, storedLocalTimeInZone } from '../../../shared/time-zone.js';
import type { OParlLedgerEntry } from '../../db/repositories/oparl.js';
import type { OParlDocuments } from './build.js';
import { OPARL_VERSION, type OParlTombstone } from './schema.js';
import { OPARL_LISTS, pathOf, urlOf, type OParlList } from './urls.js';

type Obj = Record<string, unknown> & { id: string; type: string };

const isOParlObject = (v: unknown): v is Obj =>
  !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Obj).id === 'string' && typeof (v as Obj).type === 'string' && (v as Obj).type.startsWith(OPARL_VERSION);

/** The list a type belongs in; Membership and LegislativeTerm have none (embedded only, plus their own file). */
const LIST_OF_TYPE: Record<string, OParlList | undefined> = {
  Body: 'body',
  Organization: 'organizations',
  Person: 'persons',
  Meeting: 'meetings',
  AgendaItem: 'agendaItems',
  Paper: 'papers',
  Consultation: 'consultations',
  File: 'files',
  Location: 'locations',
};

/** Seconds precision, UTC: how the ledger keeps instants. */
const instant = (d: Date) => `${new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().slice(0, 19)}Z`;

export interface StampOptions {
  baseUrl: string;
  timeZone: string;
  now: Date;
  /** What earlier exports published (see OParlRepository). */
  ledger: readonly OParlLedgerEntry[];
}

export interface Stamped {
  /** Every object's own file: path relative to the folder → the object (tombstones included). */
  objects: Map<string, unknown>;
  /** Ledger entries that are new or changed by this export; saved once the folder is written. */
  ledgerChanges: OParlLedgerEntry[];
}

/**
 * Gives every object, listed and embedded, its `created` and `modified`, and Sitzung times their
 * offset, in the Körperschaft's time zone, whatever zone this machine runs in:
 * - `created` is when an id was first published (a Vorlage: when it was written) and never changes;
 * - `modified` changes when the object as published changes, an embedded object included (a
 *   result, a renumbered TOP, a new Anlage, a re-printed Einladung). A change to something not
 *   published (a non-public Anlage, the text of a draft) does not show, so no one can tell;
 * - what was published before and is not any more (deleted or made non-public) stays as a
 *   tombstone (`deleted: true`) in its list and at its id, as OParl asks.
 * Mutates the documents; returns each object's file and the ledger's changes.
 */
export function stampOParl(docs: OParlDocuments, options: StampOptions): Stamped {
  const { baseUrl: base, timeZone: zone } = options;
  const now = instant(options.now);
  const stamp = (iso: string) => formatInZone(new Date(iso), zone);

  for (const meeting of docs.lists.meetings.data as Obj[]) {
    meeting.start = storedLocalTimeInZone(meeting.start as string, zone);
    if (typeof meeting.end === 'string') meeting.end = storedLocalTimeInZone(meeting.end, zone);
  }

  // The canonical form of an id: its listed form (with back references), else where it first appears.
  const canonical = new Map<string, Obj>();
  const occurrences: Obj[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    if (isOParlObject(value)) {
      occurrences.push(value);
      if (!canonical.has(value.id)) canonical.set(value.id, value);
    }
    Object.values(value).forEach(walk);
  };
  const topLevel: Obj[] = [docs.system as Obj, ...OPARL_LISTS.flatMap((n) => docs.lists[n].data as Obj[]), ...(docs.standalone as Obj[])];
  for (const o of topLevel) if (!canonical.has(o.id)) canonical.set(o.id, o);
  walk(topLevel);

  const fingerprint = (object: Obj) => {
    const normal = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(normal);
      if (!v || typeof v !== 'object') return v;
      const o = v as Obj;
      const content = isOParlObject(o) ? docs.contentKeys.get(o.id) : undefined;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o)) {
        if (k === 'created' || k === 'modified') continue;
        // A printed document's bytes change with the print date; what was printed decides.
        if (content !== undefined && (k === 'size' || k === 'sha512Checksum' || k === 'sha256Checksum')) continue;
        out[k] = normal(x);
      }
      if (content !== undefined) out.content = content;
      return out;
    };
    // Relative to the base URL: publishing under a new address changes no object.
    return createHash('sha256').update(JSON.stringify(normal(object)).split(base).join('')).digest('hex');
  };

  const ledger = new Map(options.ledger.map((e) => [e.path, e]));
  const ledgerChanges: OParlLedgerEntry[] = [];
  const stamps = new Map<string, { created: string; modified: string }>();
  const objects = new Map<string, unknown>();
  for (const [id, object] of canonical) {
    const path = pathOf(base, id);
    if (!path) throw new Error(`OParl id outside the base URL: ${id}`);
    const type = object.type.slice(OPARL_VERSION.length);
    const print = fingerprint(object);
    const known = ledger.get(path);
    let entry = known;
    if (!known) {
      const written = docs.createdAt.get(id);
      const created = written && !Number.isNaN(Date.parse(written)) && Date.parse(written) < Date.parse(now) ? instant(new Date(written)) : now;
      entry = { path, type, created, modified: now, fingerprint: print, deleted: false };
    } else if (known.deleted || known.fingerprint !== print || known.type !== type) {
      entry = { ...known, type, modified: now, fingerprint: print, deleted: false };
    }
    if (entry !== known) ledgerChanges.push(entry!);
    stamps.set(id, { created: stamp(entry!.created), modified: stamp(entry!.modified) });
    objects.set(path, object);
  }
  for (const o of occurrences) Object.assign(o, stamps.get(o.id)!);

  // Tombstones: everything published before and not now.
  for (const entry of ledger.values()) {
    if (objects.has(entry.path)) continue;
    const current = entry.deleted ? entry : { ...entry, deleted: true, modified: now, fingerprint: 'deleted' };
    if (current !== entry) ledgerChanges.push(current);
    const tombstone: OParlTombstone = { id: urlOf(base, entry.path), type: `${OPARL_VERSION}${entry.type}`, created: stamp(current.created), modified: stamp(current.modified), deleted: true };
    objects.set(entry.path, tombstone);
    const list = LIST_OF_TYPE[entry.type];
    if (list) docs.lists[list].data.push(tombstone);
  }
  for (const name of OPARL_LISTS) {
    const page = docs.lists[name];
    page.pagination.totalElements = page.pagination.elementsPerPage = page.data.length;
  }
  return { objects, ledgerChanges };
}
