import fs from 'node:fs';
import path from 'node:path';

export type Obj = Record<string, unknown> & { id: string; type: string };
export interface ListPage {
  data: Obj[];
  pagination: Record<string, number>;
  links: Record<string, string>;
}

export const LIST_FILES = ['body', 'organizations', 'persons', 'meetings', 'agendaItems', 'papers', 'consultations', 'files', 'locations'] as const;

/** The export folder as a client reads it: system.json plus every list file. */
export function readExport(dir: string) {
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as unknown;
  const lists = Object.fromEntries(LIST_FILES.map((n) => [n, read(`${n}.json`) as ListPage])) as Record<(typeof LIST_FILES)[number], ListPage>;
  return { system: read('system.json') as Obj, lists };
}

/** Every object with an OParl type, embedded ones included, with where it was found. */
export function everyObject(value: unknown, where = ''): { where: string; object: Obj }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => everyObject(v, `${where}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const own = 'type' in value && typeof (value as { type: unknown }).type === 'string' && (value as { type: string }).type.startsWith('https://schema.oparl.org/') ? [{ where, object: value as Obj }] : [];
  return [...own, ...Object.entries(value).flatMap(([k, v]) => everyObject(v, `${where}.${k}`))];
}

/** Every file below a folder, as relative paths with forward slashes. */
export const filesBelow = (dir: string) =>
  fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((rel) => fs.statSync(path.join(dir, rel)).isFile())
    .map((rel) => rel.split(path.sep).join('/'))
    .sort();
