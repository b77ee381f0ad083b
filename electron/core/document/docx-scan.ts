import { SaxesParser } from 'saxes';
import { DocumentError } from './errors.js';

/**
 * One streaming pass (saxes) over the XML parts of a .docx while they are unpacked, before
 * mammoth builds its tree: it bounds the work by what a Vorlage can hold and takes stock of what
 * the conversion would drop silently (tracked changes, comments, notes, links, fields, formulas).
 *
 * Why here and not after mammoth: 60 MB of document.xml took mammoth 78 s and 4.2 GB before the
 * document model refused it (issue 15.15). Counting while streaming stops such a file after the
 * first few megabytes, with a German message naming the limit.
 */
export interface DocxContentLimits {
  /** Largest unpacked XML part (document.xml, styles, notes …). */
  maxPartBytes: number;
  /** Paragraphs and tables directly in the body: a Vorlage's document holds at most 5 000 blocks. */
  maxBlocks: number;
  /** Characters of text in the body, notes and comments. */
  maxTextChars: number;
  /** XML elements over all parts: what the parser's tree costs in memory and time. */
  maxElements: number;
}

export const DEFAULT_CONTENT_LIMITS: DocxContentLimits = {
  maxPartBytes: 16 * 1024 * 1024,
  maxBlocks: 5_000,
  maxTextChars: 2_000_000,
  maxElements: 400_000,
};

/** What the pass found; the import turns it into notes (or a refusal, for tracked changes). */
export interface DocxInventory {
  /** Pending tracked changes: insertions, deletions, moves and formatting changes. */
  trackedChanges: number;
  comments: { author: string; text: string }[];
  footnotes: number;
  endnotes: number;
  hyperlinks: number;
  /** Shown text of each simple field (w:fldSimple) and of each formula (m:oMath): mammoth drops both. */
  fields: string[];
  formulas: string[];
}

/** The XML parts the pass reads: every part mammoth parses is bounded; content parts are counted. */
const CONTENT_PARTS = new Set(['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml', 'word/comments.xml']);
export const isScannedPart = (name: string) => /\.(xml|rels)$/i.test(name);

const TRACKED = new Set(['ins', 'del', 'moveFrom', 'moveTo', 'rPrChange', 'pPrChange', 'tblPrChange', 'trPrChange', 'tcPrChange', 'sectPrChange', 'numberingChange']);
const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
const de = (n: number) => n.toLocaleString('de-DE');
const tooBig = (what: string) => new DocumentError(`Das Word-Dokument ist zu umfangreich für eine Vorlage: ${what}. Bitte das Dokument aufteilen oder kürzen.`);

export interface PartScanner {
  write(chunk: Buffer): void;
  end(): void;
}

/** One budget for a whole .docx; `part(name)` gives the scanner for one unpacked part. */
export class DocxScan {
  readonly inventory: DocxInventory = { trackedChanges: 0, comments: [], footnotes: 0, endnotes: 0, hyperlinks: 0, fields: [], formulas: [] };
  private elements = 0;
  private textChars = 0;
  private blocks = 0;

  constructor(readonly limits: DocxContentLimits = DEFAULT_CONTENT_LIMITS) {}

  /** Refuses a part by its declared size before a byte of it is unpacked. */
  checkDeclared(name: string, bytes: number): void {
    if (isScannedPart(name) && bytes > this.limits.maxPartBytes) throw this.partTooBig(name);
  }

  part(name: string): PartScanner | undefined {
    if (!isScannedPart(name)) return undefined;
    const content = CONTENT_PARTS.has(name);
    const isBody = name === 'word/document.xml';
    const parser = new SaxesParser({ xmlns: false, position: false });
    const decoder = new TextDecoder('utf-8');
    const path: string[] = [];
    let bytes = 0;
    let comment: { author: string; text: string } | null = null;
    // The text a field shows or a formula holds, while inside one (they do not nest in practice).
    let dropped: { kind: 'fields' | 'formulas'; text: string } | null = null;
    let inText = false;

    parser.on('opentag', (tag) => {
      if (++this.elements > this.limits.maxElements) throw tooBig(`mehr als ${de(this.limits.maxElements)} XML-Elemente (meist sehr viel Formatierung)`);
      const local = tag.name.slice(tag.name.indexOf(':') + 1);
      if (content) {
        if (isBody && local !== 'sectPr' && path[path.length - 1] === 'body') this.countBlock();
        if (TRACKED.has(local)) this.inventory.trackedChanges++;
        else if (local === 'hyperlink' && name === 'word/document.xml') this.inventory.hyperlinks++;
        else if (local === 'footnoteReference') this.inventory.footnotes++;
        else if (local === 'endnoteReference') this.inventory.endnotes++;
        else if (local === 'comment' && name === 'word/comments.xml') {
          const author = tag.attributes['w:author'];
          comment = { author: typeof author === 'string' ? author : '', text: '' };
        } else if (local === 't' || local === 'delText' || local === 'instrText') inText = local !== 'instrText';
        else if (!dropped && local === 'fldSimple') dropped = { kind: 'fields', text: '' };
        else if (!dropped && local === 'oMath') dropped = { kind: 'formulas', text: '' };
      }
      if (!tag.isSelfClosing) path.push(local);
    });
    parser.on('closetag', (tag) => {
      const local = path.pop();
      if (local === 't' || local === 'delText') inText = false;
      if (local === 'p' && comment && comment.text && !comment.text.endsWith(' ')) comment.text += ' ';
      if (local === 'comment' && comment) {
        this.inventory.comments.push({ author: comment.author, text: comment.text.trim() });
        comment = null;
      }
      if (dropped && local === (dropped.kind === 'fields' ? 'fldSimple' : 'oMath')) {
        // A field that shows nothing (no cached result) loses nothing a reader saw.
        if (dropped.text.trim()) this.inventory[dropped.kind].push(dropped.text.trim());
        dropped = null;
      }
      void tag;
    });
    parser.on('text', (text) => {
      if (!content || !inText) return;
      if ((this.textChars += text.length) > this.limits.maxTextChars) throw tooBig(`mehr als ${de(this.limits.maxTextChars)} Zeichen Text`);
      if (comment && comment.text.length < 500) comment.text += text;
      if (dropped && dropped.text.length < 500) dropped.text += text;
    });

    const feed = (text: string) => {
      try {
        parser.write(text);
      } catch (error) {
        if (error instanceof DocumentError) throw error;
        throw new DocumentError(`Die Datei ist beschädigt (${name} ist kein gültiges XML).`, { cause: error });
      }
    };
    return {
      write: (chunk) => {
        if ((bytes += chunk.byteLength) > this.limits.maxPartBytes) throw this.partTooBig(name);
        feed(decoder.decode(chunk, { stream: true }));
      },
      end: () => {
        feed(decoder.decode());
        try {
          parser.close();
        } catch (error) {
          throw new DocumentError(`Die Datei ist beschädigt (${name} ist unvollständig).`, { cause: error });
        }
      },
    };
  }

  /**
   * A statement of its own, not `&& ++this.blocks > max` inside the condition above: in that form
   * TurboFan's optimised handler (Node 22.23) stopped counting partway through about one file in
   * twelve under load, and 5 001 paragraphs passed the scan (CI, 06.12.2026).
   */
  private countBlock(): void {
    this.blocks += 1;
    if (this.blocks > this.limits.maxBlocks) {
      throw tooBig(`mehr als ${de(this.limits.maxBlocks)} Absätze und Tabellen (eine Vorlage fasst höchstens ${de(this.limits.maxBlocks)})`);
    }
  }

  private partTooBig(name: string): DocumentError {
    return tooBig(`der Bestandteil ${name} ist entpackt größer als ${mb(this.limits.maxPartBytes)}`);
  }
}
