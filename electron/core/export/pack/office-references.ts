import JSZip from 'jszip';

/**
 * Finds what in an Office document would make LibreOffice fetch content from outside the file
 * while converting it: pictures or objects linked (not embedded) from a web address or a local
 * path, INCLUDEPICTURE/INCLUDETEXT/LINK/DDE fields, sections or tables linked from other files.
 * Such an Anlage is not converted: the fetched content would land in a published pack (a
 * local image, a file of the clerk's computer) and the fetch itself tells a third party that
 * and when the document was opened. Plain hyperlinks are no reach: nothing is fetched for them.
 *
 * Returns short German descriptions, empty when the document is self-contained.
 */
export async function externalReferences(bytes: Uint8Array): Promise<string[]> {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8)).toString('latin1');
  if (head.startsWith('PK')) return zipReferences(bytes);
  if (head.startsWith('{\\rtf')) return fieldReferences(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), /\\(objlink|objautlink)\b/);
  // Binary .doc/.xls/.ppt: field instructions are stored as text (8-bit or UTF-16).
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [...new Set([...fieldReferences(buffer.toString('latin1')), ...fieldReferences(buffer.toString('utf16le'))])];
}

/** Larger XML parts are not read to look for links; the document is then refused as unchecked. */
const MAX_PART_BYTES = 64 * 1024 * 1024;
/** Relationship types that only point (no content is fetched for them). */
const HARMLESS_RELATIONSHIPS = /\/(hyperlink|attachedTemplate)$/;
/** Field codes that pull content in: Word's INCLUDE…, LINK, DDE, IMPORT. */
const FIELD = /\b(INCLUDEPICTURE|INCLUDETEXT|LINK|DDEAUTO|DDE|IMPORT)\s+("[^"]{0,300}"|\S{1,300})/g;
const FIELD_LABEL: Record<string, string> = {
  INCLUDEPICTURE: 'Feld INCLUDEPICTURE (verknüpftes Bild)',
  INCLUDETEXT: 'Feld INCLUDETEXT (Text aus einer anderen Datei)',
  LINK: 'Feld LINK (verknüpftes Objekt)',
  DDEAUTO: 'DDE-Verknüpfung',
  DDE: 'DDE-Verknüpfung',
  IMPORT: 'Feld IMPORT (Grafik aus einer anderen Datei)',
};

function fieldReferences(text: string, objectLink?: RegExp): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(FIELD)) {
    // "LINK" is also an ordinary word: only a field whose target looks like a file or address counts.
    const target = match[2]!.replace(/^"|"$/g, '');
    if (match[1] === 'LINK' && !/[\\/:.]/.test(target) && !/^(Word|Excel|PowerPoint)\./.test(target)) continue;
    found.add(FIELD_LABEL[match[1]!]!);
  }
  if (objectLink?.test(text)) found.add('verknüpftes Objekt (OLE)');
  return [...found];
}

async function zipReferences(bytes: Uint8Array): Promise<string[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return []; // not a readable package: LibreOffice will say so itself
  }
  const found = new Set<string>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const isRels = entry.name.endsWith('.rels');
    const isXml = /\.xml$/i.test(entry.name);
    if (!isRels && !isXml) continue;
    const declared = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    if (declared > MAX_PART_BYTES) {
      found.add(`zu großer Bestandteil ${entry.name} (nicht prüfbar)`);
      continue;
    }
    const text = await entry.async('string');
    if (text.length > MAX_PART_BYTES) {
      found.add(`zu großer Bestandteil ${entry.name} (nicht prüfbar)`);
      continue;
    }
    if (isRels) {
      for (const rel of text.matchAll(/<Relationship\b[^>]*>/g)) {
        const tag = rel[0];
        if (!/TargetMode\s*=\s*["']External["']/i.test(tag)) continue;
        const type = /Type\s*=\s*["']([^"']*)["']/.exec(tag)?.[1] ?? '';
        if (HARMLESS_RELATIONSHIPS.test(type)) continue;
        found.add(`verknüpfte${type.endsWith('/image') ? 's Bild' : 'r Inhalt'} (${type.split('/').pop() || 'unbekannt'})`);
      }
      continue;
    }
    // OOXML field instructions (w:instrText, w:fldSimple w:instr="…").
    for (const label of fieldReferences(text.replace(/&quot;/g, '"'))) found.add(label);
    // ODF: links of pictures, objects, sections and tables; text:a / draw:a are plain hyperlinks.
    for (const link of text.matchAll(/<([\w-]+:[\w-]+)\b[^>]*?\sxlink:href\s*=\s*"([^"]*)"/g)) {
      const [, element, href] = link;
      if (element === 'text:a' || element === 'draw:a' || element === 'office:event-listener' || element === 'presentation:event-listener' || element === 'script:event-listener') continue;
      if (isInsidePackage(href!)) continue;
      found.add(`verknüpfter Inhalt (${element})`);
    }
    if (/<(office:dde-source|text:dde-connection-decl|table:dde-link)\b/.test(text)) found.add('DDE-Verknüpfung');
  }
  return [...found];
}

/** "Pictures/bild.png", "./Object 1", "#Anker": parts of the package itself. */
function isInsidePackage(href: string): boolean {
  if (href.startsWith('#')) return true;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/') || href.startsWith('\\')) return false;
  return !href.split(/[\\/]/).includes('..');
}
