import { KIND_LABEL, type FileKind } from './sniff.js';
import type { PackWarningCode } from './types.js';

/** Why an Anlage could not be included; each reason yields one German sentence. */
export type NoteReason =
  | { code: 'ATTACHMENT_EMPTY' }
  | { code: 'ATTACHMENT_TOO_LARGE'; bytes: number; limit: number }
  | { code: 'ATTACHMENT_ENCRYPTED' }
  | { code: 'ATTACHMENT_BROKEN'; detail?: string }
  | { code: 'ATTACHMENT_UNSUPPORTED'; kind: FileKind }
  | { code: 'ATTACHMENT_OFFICE_UNAVAILABLE' }
  | { code: 'ATTACHMENT_OFFICE_FAILED'; detail?: string }
  | { code: 'ATTACHMENT_OFFICE_EXTERNAL'; references: string[] }
  | { code: 'ATTACHMENT_UNREADABLE'; detail?: string }
  | { code: 'ATTACHMENT_IMAGE_TOO_LARGE'; pixels: number; limit: number };

export function reasonSentence(reason: NoteReason): string {
  switch (reason.code) {
    case 'ATTACHMENT_EMPTY':
      return 'Die Datei ist leer (0 Byte).';
    case 'ATTACHMENT_TOO_LARGE':
      return `Die Datei ist mit ${megabytes(reason.bytes)} größer als die zulässige Größe von ${megabytes(reason.limit)}.`;
    case 'ATTACHMENT_ENCRYPTED':
      return 'Die PDF-Datei ist verschlüsselt bzw. kennwortgeschützt und kann deshalb nicht eingebunden werden.';
    case 'ATTACHMENT_BROKEN':
      return 'Die Datei ist beschädigt oder kein gültiges Dokument und konnte nicht gelesen werden.';
    case 'ATTACHMENT_UNSUPPORTED':
      return `Das Dateiformat (${KIND_LABEL[reason.kind]}) kann nicht in die Sitzungsmappe übernommen werden. Unterstützt werden PDF, PNG, JPEG und – mit LibreOffice – Word-/Office-Dokumente.`;
    case 'ATTACHMENT_OFFICE_UNAVAILABLE':
      return 'Office-Dokumente werden mit LibreOffice in PDF umgewandelt; LibreOffice ist auf diesem Rechner nicht installiert.';
    case 'ATTACHMENT_OFFICE_FAILED':
      return 'Das Office-Dokument konnte mit LibreOffice nicht in PDF umgewandelt werden.';
    case 'ATTACHMENT_OFFICE_EXTERNAL':
      return `Das Office-Dokument bindet Inhalte von außerhalb der Datei ein (${reason.references.slice(0, 4).join(', ')}); es wird deshalb nicht umgewandelt. Bitte die Inhalte in das Dokument einbetten und die Anlage erneut anfügen.`;
    case 'ATTACHMENT_UNREADABLE':
      return 'Die Datei konnte nicht gelesen werden (nicht vorhanden oder keine Berechtigung).';
    case 'ATTACHMENT_IMAGE_TOO_LARGE':
      return `Das Bild ist mit ${(reason.pixels / 1e6).toFixed(0)} Megapixeln zu groß (höchstens ${(reason.limit / 1e6).toFixed(0)} Megapixel).`;
  }
}

/** The warning code reported to the caller; oversized images count as too large. */
export function warningCode(reason: NoteReason): PackWarningCode {
  return reason.code === 'ATTACHMENT_IMAGE_TOO_LARGE' ? 'ATTACHMENT_TOO_LARGE' : reason.code;
}

export function noteWarningMessage(title: string, fileName: string, reason: NoteReason): string {
  return `Anlage „${title}“ (${fileName}): ${reasonSentence(reason)} In der Sitzungsmappe steht an ihrer Stelle eine Hinweisseite.`;
}

export const NOTE_HEADING = 'Hinweis: Anlage nicht eingebunden';
export const NOTE_ADVICE =
  'Bitte wenden Sie sich an die Geschäftsführung des Gremiums, wenn Sie diese Anlage benötigen.';

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb < 1) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1).replace('.', ',')} MB`;
}
