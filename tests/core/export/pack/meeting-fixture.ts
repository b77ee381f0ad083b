import type { Doc } from '../../../../electron/shared/document.js';
import type { MeetingPackInput, MeetingPackItem, PackVariant } from '../../../../electron/core/export/pack/meeting-pack.js';
import type { MeetingPrintItem, PaperPrintModel } from '../../../../electron/core/export/print-model.js';
import { simplePdf } from './fixtures.js';

const doc = (...paragraphs: string[]): Doc => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

/** Unique strings that must never appear in a public pack. */
export const CANARY = {
  topTitle: 'KANARIE-TOP-7f3a Grundstücksankauf Lindenallee',
  paperTitle: 'KANARIE-VORLAGE-2b9c Angebotsauswertung',
  paperText: 'KANARIE-TEXT-91de Das Angebot der Bieterin liegt bei 126.000 Euro.',
  paperReference: '50/099/2025',
  attachmentTitle: 'KANARIE-ANLAGE-5e21 Preisblatt',
  attachmentFile: 'KANARIE-DATEI-c04d-preisblatt.pdf',
  attachmentContent: 'KANARIE-INHALT-aa17',
  /** A non-public Anlage of a public Vorlage. */
  hiddenAttachmentTitle: 'KANARIE-NOEANLAGE-3f88 Personalliste',
  hiddenAttachmentFile: 'KANARIE-NOEDATEI-19ab.pdf',
  hiddenAttachmentContent: 'KANARIE-NOEINHALT-77c2',
  /** A broken non-public Anlage: its note page names the file in the members pack. */
  brokenTitle: 'KANARIE-DEFEKT-0e5b Gutachten',
  brokenFile: 'KANARIE-DEFEKTDATEI-6d30.pdf',
};

function paper(reference: string, title: string, isPublic: boolean, text: string[], attachments: PaperPrintModel['attachments']): PaperPrintModel {
  return {
    body: { name: 'Musterkreis' },
    department: { code: '50', name: '50.2 – Kommunales Integrationszentrum (KI)', signatory: '(Leitung des Kommunalen Integrationszentrums)' },
    paper: { reference, title, public: isPublic, template: 'mitteilungsvorlage', kindLabel: 'Mitteilungsvorlage', date: '2025-02-20' },
    consultations: [{ committeeName: 'Ausschuss für Soziales und Integration', committeeShortName: 'Sozialausschuss', meetingDate: '2025-03-12', role: 'Kenntnisnahme' }],
    printedFor: { committeeGenitive: 'des Ausschusses für Soziales und Integration', committeeName: 'Ausschuss für Soziales und Integration', meetingDate: '2025-03-12', agendaNumber: null },
    sections: [
      { key: 'vorbemerkungen', title: 'Vorbemerkungen', body: doc(text[0]!) },
      { key: 'erlaeuterungen', title: 'Erläuterungen', body: doc(...text.slice(1)) },
    ],
    closingLine: 'Zur Sitzung des Ausschusses für Soziales und Integration am 12.03.2025.',
    signature: { greeting: 'Im Auftrag', signatory: '(Leitung des Kommunalen Integrationszentrums)' },
    attachments,
    attachmentsHeading: { singular: 'Anlage:', plural: 'Anlagen:' },
  };
}

const longText = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${topic}, Absatz ${i + 1}: Das Kommunale Integrationszentrum berichtet über die Entwicklung im Musterkreis. Die Zusammenarbeit mit den kreisangehörigen Kommunen wurde weiter ausgebaut, und die Beratungsangebote werden gut angenommen.`);

/** A Sitzung of the Sozialausschuss with public and non-public TOPs, Vorlagen and Anlagen. */
export async function musterSitzung(variant: PackVariant): Promise<MeetingPackInput> {
  const item = (number: string, title: string, isPublic: boolean, paperReference: string | null = null): MeetingPrintItem => ({ number, title, public: isPublic, paperReference });
  const pdf = async (label: string, pages: number) => ({ bytes: await simplePdf(label, pages) });
  const items: MeetingPackItem[] = [
    { item: item('1', 'Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit', true), paper: null, attachments: [] },
    {
      item: item('2', 'Kommunales Integrationsmanagement – Aktueller Sachstand', true, '50/012/2025'),
      paper: paper('50/012/2025', 'Kommunales Integrationsmanagement – Sachstand 2025', true, longText('Sachstand', 14), [
        { title: 'Kennzahlen Case Management', fileName: 'Kennzahlen.pdf', public: true },
        { title: CANARY.hiddenAttachmentTitle, fileName: CANARY.hiddenAttachmentFile, public: false },
        { title: 'Geschäftsordnung der Lenkungsgruppe', fileName: 'GO-Lenkungsgruppe.pdf', public: true },
      ]),
      attachments: [
        { title: 'Kennzahlen Case Management', fileName: 'Kennzahlen.pdf', public: true, data: await pdf('Kennzahlen', 3) },
        { title: CANARY.hiddenAttachmentTitle, fileName: CANARY.hiddenAttachmentFile, public: false, data: await pdf(CANARY.hiddenAttachmentContent, 1) },
        { title: 'Geschäftsordnung der Lenkungsgruppe', fileName: 'GO-Lenkungsgruppe.pdf', public: true, data: await pdf('Geschaeftsordnung', 2) },
      ],
    },
    {
      item: item('3', 'Integrationsfonds – Vergabe der Mittel', true, '50/013/2025'),
      paper: paper('50/013/2025', 'Integrationsfonds – Vergabe der Mittel', true, longText('Integrationsfonds', 4), [
        { title: 'Förderrichtlinie', fileName: 'Foerderrichtlinie.pdf', public: true },
      ]),
      attachments: [{ title: 'Förderrichtlinie', fileName: 'Foerderrichtlinie.pdf', public: true, data: await pdf('Foerderrichtlinie', 2) }],
    },
    { item: item('4', 'Mitteilungen der Verwaltung', true), paper: null, attachments: [] },
    {
      item: item('5', CANARY.topTitle, false, CANARY.paperReference),
      paper: paper(CANARY.paperReference, CANARY.paperTitle, false, [CANARY.paperText, ...longText('Vergabe', 3)], [
        { title: CANARY.attachmentTitle, fileName: CANARY.attachmentFile, public: false },
        { title: CANARY.brokenTitle, fileName: CANARY.brokenFile, public: false },
      ]),
      attachments: [
        { title: CANARY.attachmentTitle, fileName: CANARY.attachmentFile, public: false, data: await pdf(CANARY.attachmentContent, 2) },
        { title: CANARY.brokenTitle, fileName: CANARY.brokenFile, public: false, data: { bytes: new Uint8Array() } },
      ],
    },
    { item: item('6', 'Mitteilungen', false), paper: null, attachments: [] },
  ];
  return {
    variant,
    meeting: {
      body: { name: 'Musterkreis' },
      committee: { name: 'Ausschuss für Soziales und Integration', shortName: 'Sozialausschuss', genitive: 'des Ausschusses für Soziales und Integration' },
      meeting: { number: 12, start: '2025-03-12T15:00', location: 'Kreishaus Musterstadt, Sitzungssaal 1' },
      chair: { name: 'Dr. Helga Brandtner', role: 'Die Vorsitzende' },
      invitationDate: '2025-02-26',
      items: items.map((i) => i.item),
    },
    items,
  };
}

/**
 * The public Sitzung with `extra` more public TOPs, each with a Vorlage of its own length and one
 * Anlage: enough Vorlagen for the pack to print them in two batches.
 */
export async function grosseSitzung(extra: number): Promise<MeetingPackInput> {
  const input = await musterSitzung('public');
  for (let i = 0; i < extra; i++) {
    const number = String(7 + i);
    const reference = `50/${String(20 + i).padStart(3, '0')}/2025`;
    const title = `Handlungsfeld ${i + 1} – Bericht`;
    const item: MeetingPrintItem = { number, title, public: true, paperReference: reference };
    input.items.push({
      item,
      paper: paper(reference, title, true, longText(`Handlungsfeld ${i + 1}`, 2 + ((i * 5) % 11)), [{ title: `Übersicht ${i + 1}`, fileName: `uebersicht-${i + 1}.pdf`, public: true }]),
      attachments: [{ title: `Übersicht ${i + 1}`, fileName: `uebersicht-${i + 1}.pdf`, public: true, data: { bytes: await simplePdf(`Uebersicht ${i + 1}`, 1) } }],
    });
    input.meeting.items.push(item);
  }
  return input;
}
