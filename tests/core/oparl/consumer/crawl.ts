import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { OPARL_11, SPEC_BY_TYPE, SpecListPage, SpecTombstone } from './spec-schemas.js';

type Obj = Record<string, unknown> & { id: string; type: string };

export interface CrawlResult {
  /** Everything a consumer would complain about; empty when the export is clean. */
  problems: string[];
  /** Every object by id, as fetched from its own URL. */
  objects: Map<string, Obj>;
  /** Objects found in lists (tombstones included), by list URL. */
  lists: Map<string, Obj[]>;
  /** URLs fetched: JSON and file bytes. */
  fetched: number;
  files: number;
}

const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Obj).id === 'string' && typeof (v as Obj).type === 'string';

/**
 * Reads an OParl endpoint as a consumer does (meine-stadt-transparent, the OParl validator):
 * System → its body list → each Body → every list it names, page by page → every id found
 * anywhere (listed or embedded) → every file (accessUrl and downloadUrl). Checks each object
 * against the spec schemas and the rules of issue 15.
 */
export async function crawl(systemUrl: string, options: { limit?: number } = {}): Promise<CrawlResult> {
  const problems: string[] = [];
  const limit = options.limit ?? 20_000;
  let fetched = 0;
  let files = 0;
  const cache = new Map<string, unknown>();

  const getJson = async (url: string, from: string): Promise<unknown> => {
    if (cache.has(url)) return cache.get(url);
    if (++fetched > limit) throw new Error('crawl limit reached');
    const res = await fetch(url);
    if (res.status !== 200) {
      problems.push(`${url} (from ${from}): HTTP ${res.status}`);
      cache.set(url, null);
      return null;
    }
    if (!(res.headers.get('content-type') ?? '').startsWith('application/json')) problems.push(`${url}: content type ${res.headers.get('content-type')}`);
    const value = (await res.json()) as unknown;
    cache.set(url, value);
    return value;
  };

  /** Rules beyond the schemas, on every object found (listed, embedded, fetched). */
  const rules = (value: unknown, where: string) => {
    if (typeof value === 'string') {
      if (!value.trim()) problems.push(`${where}: empty string`);
      if (/%2F/i.test(value) && value.startsWith('http')) problems.push(`${where}: %2F in a URL`);
      return;
    }
    if (Array.isArray(value)) {
      if (value.length === 0 && !where.endsWith('.legislativeTerm')) problems.push(`${where}: empty array`);
      value.forEach((v, i) => rules(v, `${where}[${i}]`));
      return;
    }
    if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) rules(v, `${where}.${k}`);
  };

  const checkObject = (o: unknown, where: string): o is Obj => {
    if (!isObject(o)) {
      problems.push(`${where}: not an OParl object`);
      return false;
    }
    if (o.deleted === true) {
      const r = SpecTombstone.safeParse(o);
      if (!r.success) problems.push(`${where}: tombstone: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      return true;
    }
    const schema = SPEC_BY_TYPE[o.type.slice(OPARL_11.length)];
    if (!o.type.startsWith(OPARL_11) || !schema) {
      problems.push(`${where}: unknown type ${o.type}`);
      return true;
    }
    const r = schema.safeParse(o);
    if (!r.success) problems.push(...r.error.issues.slice(0, 5).map((i) => `${where} (${o.id}): ${i.path.join('.')}: ${i.message}`));
    if (typeof o.created === 'string' && typeof o.modified === 'string' && Date.parse(o.created) > Date.parse(o.modified)) problems.push(`${where}: created after modified`);
    rules(o, where);
    return true;
  };

  /** Every OParl object inside a value (embedded ones), with where. */
  const embedded = (value: unknown, where: string, out: { where: string; o: Obj }[] = []) => {
    if (Array.isArray(value)) value.forEach((v, i) => embedded(v, `${where}[${i}]`, out));
    else if (value && typeof value === 'object') {
      if (isObject(value)) out.push({ where, o: value });
      for (const [k, v] of Object.entries(value)) if (k !== 'id' && k !== 'type') embedded(v, `${where}.${k}`, out);
    }
    return out;
  };

  const lists = new Map<string, Obj[]>();
  const readList = async (url: string, from: string): Promise<Obj[]> => {
    const items: Obj[] = [];
    const seen = new Set<string>();
    for (let page: string | undefined = url; page; ) {
      if (seen.has(page)) {
        problems.push(`${url}: pagination loops`);
        break;
      }
      seen.add(page);
      const value = await getJson(page, from);
      if (value === null) break;
      const r = SpecListPage.safeParse(value);
      if (!r.success) {
        problems.push(`${page}: not a list page: ${r.error.issues[0]?.message}`);
        break;
      }
      for (const [i, o] of r.data.data.entries()) if (checkObject(o, `${page} data[${i}]`)) items.push(o as Obj);
      page = r.data.links.next;
    }
    lists.set(url, items);
    return items;
  };

  const system = await getJson(systemUrl, 'start');
  if (!checkObject(system, systemUrl)) return { problems, objects: new Map(), lists, fetched, files };
  const found: { where: string; o: Obj }[] = embedded(system, 'system');
  const bodies = await readList(system.body as string, 'System.body');
  if (bodies.length === 0) problems.push('no Body');
  for (const body of bodies) {
    found.push(...embedded(body, `body ${body.id}`));
    for (const key of ['organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'locationList', 'legislativeTermList', 'membership']) {
      const listUrl = body[key];
      if (typeof listUrl !== 'string') continue;
      for (const o of await readList(listUrl, `Body.${key}`)) found.push(...embedded(o, `${listUrl} ${o.id}`));
    }
  }

  // Every id: fetched from its own URL, the same object there (embedded forms may lack the back reference).
  const objects = new Map<string, Obj>();
  const stamps = new Map<string, string>();
  for (const { where, o } of found) {
    const own = await getJson(o.id, where);
    if (own === null) continue;
    if (!checkObject(own, o.id)) continue;
    objects.set(o.id, own);
    for (const [k, v] of Object.entries(o)) if (!isDeepStrictEqual(own[k], v)) problems.push(`${where}: ${k} differs from ${o.id}`);
    const s = `${String(o.created)} ${String(o.modified)}`;
    if (stamps.has(o.id) && stamps.get(o.id) !== s) problems.push(`${o.id}: created/modified differ between occurrences`);
    stamps.set(o.id, s);
  }
  // Every link to another object resolves.
  const linkFields = new Set(['body', 'system', 'organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'participant', 'underDirectionOf', 'originatorPerson', 'originatorOrganization', 'relatedPaper', 'membership', 'file', 'locationList', 'legislativeTermList']);
  for (const o of objects.values()) {
    for (const [k, v] of Object.entries(o)) {
      if (!linkFields.has(k)) continue;
      for (const link of (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string')) await getJson(link, `${o.id}.${k}`);
    }
  }
  // Every file: both addresses answer with the bytes the File describes.
  for (const f of objects.values()) {
    if (f.type !== `${OPARL_11}File` || f.deleted === true) continue;
    if (f.downloadUrl === f.accessUrl) problems.push(`${f.id}: downloadUrl equals accessUrl`);
    for (const key of ['accessUrl', 'downloadUrl']) {
      const address = f[key];
      if (typeof address !== 'string') continue;
      fetched++;
      files++;
      const res = await fetch(address);
      if (res.status !== 200) {
        problems.push(`${f.id}.${key}: HTTP ${res.status}`);
        continue;
      }
      const bytes = Buffer.from(await res.arrayBuffer());
      if (typeof f.size === 'number' && bytes.length !== f.size) problems.push(`${f.id}.${key}: ${bytes.length} bytes, size says ${f.size}`);
      if (typeof f.sha512Checksum === 'string' && createHash('sha512').update(bytes).digest('hex') !== f.sha512Checksum) problems.push(`${f.id}.${key}: sha512Checksum differs`);
      if (typeof f.mimeType === 'string' && !(res.headers.get('content-type') ?? '').startsWith(f.mimeType) && f.mimeType === 'application/pdf') problems.push(`${f.id}.${key}: served as ${res.headers.get('content-type')}`);
    }
  }
  return { problems, objects, lists, fetched, files };
}
