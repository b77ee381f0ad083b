import fs from 'node:fs';
import path from 'node:path';

/** One Anlage of a test bundle: `file` relative to the bundle file. */
export interface BundleAnlage {
  title: string;
  file: string;
  fileName?: string;
  public?: boolean;
}

/**
 * Writes a minimal public bundle (one Amt, one Gremium, one Sitzung, one Vorlage on its agenda)
 * whose Vorlage has the given Anlagen, and returns the bundle file's path. The Anlage files are
 * the caller's business: hostile ones are what these tests are about.
 */
export function writeBundle(dir: string, name: string, anlagen: BundleAnlage[], meetingStart = '2030-03-16T17:00'): string {
  const file = path.join(dir, `${name}.json`);
  const bundle = {
    format: 'vorlagenwerk-bundle',
    version: 1,
    body: { name: 'Musterkreis', numberPattern: '{nr:3}/{jahr}', agendaNumbering: 'durchgehend' },
    // Keys and names of their own, so several such bundles can go into one database.
    departments: [{ key: `a-${name}`, code: '50', name: `Sozialamt ${name}`, signatory: '' }],
    committees: [{ key: `g-${name}`, name: `Sozialausschuss ${name}`, shortName: 'SozA', genitive: 'des Sozialausschusses', kind: 'ausschuss', noticePeriodDays: 7 }],
    meetings: [{ key: `s-${name}`, committee: `g-${name}`, start: meetingStart, location: 'Kreishaus', agenda: [{ title: 'Bericht', public: true, paper: `v-${name}` }] }],
    papers: [
      {
        key: `v-${name}`,
        template: 'mitteilungsvorlage',
        department: `a-${name}`,
        title: `Bericht ${name}`,
        public: true,
        sections: { erlaeuterungen: 'Siehe Anlagen.' },
        consultations: [{ meeting: `s-${name}`, role: 'kenntnisnahme' }],
        attachments: anlagen.map((a) => ({ public: true, ...a })),
        // Signed and released, so its Sitzungsmappe may be built.
        approvals: [{ step: 'amtsleitung', by: 'Amtsleitung', at: '2030-03-01T10:00', revision: 1 }],
        released: { by: 'Amtsleitung', at: '2030-03-02T09:00', revision: 1 },
      },
    ],
  };
  fs.writeFileSync(file, JSON.stringify(bundle, null, 2));
  return file;
}
