import type { Doc } from '../../shared/document.js';

/**
 * Everything a renderer (HTML, DOCX, PDF) needs to print one Vorlage, already resolved from the
 * database: renderers never query anything themselves, which keeps them pure and testable.
 */
export interface PrintConsultation {
  committeeName: string;
  committeeShortName: string;
  /** ISO date (YYYY-MM-DD) of the Sitzung, or null while not yet scheduled. */
  meetingDate: string | null;
  /** Kenntnisnahme | Vorberatung | Entscheidung (display form). */
  role: string;
}

export interface PrintSection {
  key: string;
  title: string;
  body: Doc;
}

export interface PrintAttachment {
  title: string;
  fileName: string;
  public: boolean;
}

export interface PaperPrintModel {
  body: { name: string };
  department: { code: string; name: string; signatory: string };
  paper: {
    reference: string;
    title: string;
    public: boolean;
    template: string;
    /** e.g. "Mitteilungsvorlage" — from the template. */
    kindLabel: string;
  };
  consultations: PrintConsultation[];
  /** The Sitzung the document is printed for; drives the closing line. */
  printedFor: {
    committeeGenitive: string;
    committeeName: string;
    meetingDate: string; // ISO date
    agendaNumber: string | null;
  } | null;
  sections: PrintSection[];
  /** Rendered closing line ("Zur Sitzung des … am 16.03.2022."), or null without a Sitzung. */
  closingLine: string | null;
  signature: { greeting: string; signatory: string };
  attachments: PrintAttachment[];
  /** "Anlage:" / "Anlagen:" as the template says. */
  attachmentsHeading: { singular: string; plural: string };
}
