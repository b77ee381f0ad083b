/**
 * Placeholder base of every OParl id and file URL. ".invalid" can never resolve (RFC 2606), so an
 * export made without --base-url cannot be mistaken for a live endpoint. The Kreis sets its own:
 * the address under which it publishes the folder
 * (`vorlagenwerk oparl export --out DIR --base-url https://ris.musterkreis.de/oparl/v1/`).
 */
export const DEFAULT_OPARL_BASE_URL = 'https://ris.example.invalid/oparl/v1/';

/** The external lists, each the file `<name>.json`, beside the folder `<name>/` of its objects. */
export const OPARL_LISTS = ['body', 'organizations', 'persons', 'meetings', 'agendaItems', 'papers', 'consultations', 'files', 'locations'] as const;
export type OParlList = (typeof OPARL_LISTS)[number];

/** Folders of the layout: one per object type, plus the Anlagen's bytes (files/, download/). */
export const OPARL_FOLDERS = ['body', 'organizations', 'persons', 'memberships', 'meetings', 'agendaItems', 'papers', 'consultations', 'files', 'locations', 'legislativeTerms', 'download'] as const;

/**
 * One path segment made of a key or Vorlage number, the same for the same input and different
 * for different inputs, using only letters, digits, '.', '-' and '_' — so no "%2F" (which static
 * servers refuse or decode into a folder) and no file name a server hides. "/" becomes "-" (the
 * common "50/012/2023" reads "50-012-2023"); "-", "_" and everything else become "_" and the hex
 * of their UTF-8 bytes, and a leading "." too (no hidden files, no "." or "..").
 */
export function idSegment(value: string | number): string {
  let out = '';
  for (const ch of String(value)) {
    if (/[A-Za-z0-9.]/.test(ch)) out += ch;
    else if (ch === '/') out += '-';
    else out += [...Buffer.from(ch, 'utf8')].map((b) => `_${b.toString(16).padStart(2, '0')}`).join('');
  }
  return out.startsWith('.') ? `_2e${out.slice(1)}` : out;
}

/**
 * Keys (Gremien, Ämter, Sitzungen, persons) consist of letters, digits, '.', '_' and '-' and start
 * with a letter or digit (KeySchema): they are path segments as they are.
 */
const key = (k: string) => (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(k) ? k : idSegment(k));
const seg = idSegment;

/**
 * Every id as a path relative to the base URL, which is also where its JSON file lies in the
 * export folder: a static web server answers every id without rewrite rules, and `.json` gives
 * it the content type. Ids stay the same from one export to the next, so the RIS updates
 * objects instead of duplicating them: Gremien, Ämter, Sitzungen and persons by their keys,
 * Vorlagen by their number (never reused), the rest by their database id.
 */
export const oparlPaths = {
  system: 'system.json',
  list: (name: OParlList) => `${name}.json`,
  body: 'body/1.json',
  legislativeTerm: (startDate: string) => `legislativeTerms/${startDate}.json`,
  committee: (k: string) => `organizations/gremium-${key(k)}.json`,
  department: (k: string) => `organizations/amt-${key(k)}.json`,
  meeting: (k: string) => `meetings/${key(k)}.json`,
  location: (meetingKey: string) => `locations/sitzung-${key(meetingKey)}.json`,
  agendaItem: (id: number) => `agendaItems/${id}.json`,
  paper: (reference: string) => `papers/${seg(reference)}.json`,
  consultation: (id: number) => `consultations/${id}.json`,
  person: (k: string) => `persons/${key(k)}.json`,
  membership: (id: number) => `memberships/${id}.json`,
  file: (id: number) => `files/${id}.json`,
  /** Generated documents: Einladung, Niederschrift (of a Sitzung), Vorlage PDF, Auszug (of a TOP). */
  generatedFile: (owner: string, kind: GeneratedFileKind) => `files/${owner}-${kind}.json`,
  /** Where the bytes lie: `files/<folder>/<name>` (accessUrl) and `download/<folder>/<name>` (downloadUrl). */
  fileContent: (folder: string | number, safeName: string) => `files/${folder}/${safeName}`,
  fileDownload: (folder: string | number, safeName: string) => `download/${folder}/${safeName}`,
  /** The folder of a generated document's bytes: its owner and kind ("sitzung-soz-2-einladung"). */
  generatedFolder: (owner: string, kind: GeneratedFileKind) => `${owner}-${kind}`,
  /** Owners of generated documents, each a path segment. */
  meetingOwner: (k: string) => `sitzung-${key(k)}`,
  paperOwner: (reference: string) => `vorlage-${seg(reference)}`,
  agendaItemOwner: (id: number) => `top-${id}`,
};

/** Generated documents: Einladung and Niederschrift of a Sitzung, the Vorlage as printed, the Auszug of a TOP. */
export type GeneratedFileKind = 'einladung' | 'niederschrift' | 'vorlage' | 'auszug';

/** The URL of a path under the base: each segment percent-encoded (file names may hold umlauts). */
export const urlOf = (base: string, path: string) => `${base}${path.split('/').map(encodeURIComponent).join('/')}`;

/** The path of a URL under the base, or null for a URL elsewhere. */
export function pathOf(base: string, url: string): string | null {
  if (!url.startsWith(base)) return null;
  try {
    return url.slice(base.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    return null;
  }
}
