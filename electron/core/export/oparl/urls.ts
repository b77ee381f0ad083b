/**
 * Placeholder base of every OParl id and file URL. ".invalid" can never resolve (RFC 2606), so an
 * export made without --base-url cannot be mistaken for a live endpoint. The Kreis sets its own:
 * the address under which its Ratsinformationssystem publishes these files
 * (`vorlagenwerk oparl export --out DIR --base-url https://ris.musterkreis.de/oparl/v1/`).
 */
export const DEFAULT_OPARL_BASE_URL = 'https://ris.example.invalid/oparl/v1/';

/** The external lists, each written as `<name>.json`; its URL is `<base><name>`. */
export const OPARL_LISTS = ['body', 'organizations', 'persons', 'meetings', 'agendaItems', 'papers', 'consultations', 'files', 'locations'] as const;
export type OParlList = (typeof OPARL_LISTS)[number];

/**
 * Ids are URLs that stay the same from one export to the next, so the RIS updates objects instead
 * of duplicating them: committees, departments and Sitzungen by their keys, Vorlagen by their
 * number (never reused, even after deletion), the rest by their database id. Every list URL
 * `<base><list>` is the file `<list>.json`, and `<base>files/<id>/<name>` is the Anlage written
 * to `DIR/files/<id>/<name>`, so the Kreis can publish the folder as it is under the base URL.
 */
export function oparlUrls(base: string) {
  const seg = (s: string | number) => encodeURIComponent(String(s));
  return {
    system: `${base}system`,
    list: (name: OParlList) => `${base}${name}`,
    body: `${base}body/1`,
    committee: (key: string) => `${base}organizations/gremium-${seg(key)}`,
    department: (key: string) => `${base}organizations/amt-${seg(key)}`,
    meeting: (key: string) => `${base}meetings/${seg(key)}`,
    location: (meetingKey: string) => `${base}locations/sitzung-${seg(meetingKey)}`,
    agendaItem: (id: number) => `${base}agendaItems/${id}`,
    paper: (reference: string) => `${base}papers/${seg(reference)}`,
    consultation: (id: number) => `${base}consultations/${id}`,
    person: (key: string) => `${base}persons/${seg(key)}`,
    membership: (id: number) => `${base}memberships/${id}`,
    file: (id: number) => `${base}files/${id}`,
    meetingFile: (meetingKey: string, kind: string) => `${base}files/sitzung-${seg(meetingKey)}-${seg(kind)}`,
    meetingFileContent: (meetingKey: string, kind: string) => `${base}${meetingFileContentPath(meetingKey, kind).split('/').map(seg).join('/')}`,
    fileContent: (id: number, fileName: string) => `${base}${fileContentPath(id, fileName).split('/').map(seg).join('/')}`,
  };
}
export type OParlUrls = ReturnType<typeof oparlUrls>;

/** Where an Anlage's bytes go inside the export folder (forward slashes, relative). */
export const fileContentPath = (id: number, safeName: string) => `files/${id}/${safeName}`;

/** Where the printed Einladung / Niederschrift of a Sitzung goes inside the export folder. */
export const meetingFileContentPath = (meetingKey: string, kind: string) => `files/sitzung-${meetingKey}/${kind === 'invitation' ? 'einladung' : 'niederschrift'}.pdf`;
