import JSZip from 'jszip';

/**
 * Takes the page footers out of a Word (DOCX) or OpenDocument text before it is converted for a
 * Sitzungsmappe: the pack numbers every page itself, and the Anlage's own "Seite 1 von 3" under
 * it would contradict the pack's number (issue 14.7). Headers stay (they carry the sender).
 * Other formats, and packages that cannot be read, are returned unchanged; LibreOffice then
 * reports what is wrong with them.
 */
export async function withoutOfficeFooters(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return bytes;
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return bytes;
  }
  let changed = false;
  const edit = async (name: string, remove: RegExp[]) => {
    const file = zip.file(name);
    if (!file) return;
    const xml = await file.async('string');
    const stripped = remove.reduce((text, pattern) => text.replace(pattern, ''), xml);
    if (stripped === xml) return;
    zip.file(name, stripped);
    changed = true;
  };
  // DOCX: each section names its footers; without the reference a section has none.
  await edit('word/document.xml', [/<w:footerReference\b[^>]*\/>/g]);
  // ODT: footers live in the master pages of styles.xml (and, rarely, content.xml).
  const odfFooter = [/<style:footer(-left|-first)?\b[^>]*\/>/g, /<style:footer(-left|-first)?\b[^>]*>[\s\S]*?<\/style:footer\1>/g];
  await edit('styles.xml', odfFooter);
  await edit('content.xml', odfFooter);
  if (!changed) return bytes;
  // An OpenDocument package needs its mimetype first and uncompressed; JSZip keeps the order.
  const mimetype = zip.file('mimetype');
  if (mimetype) zip.file('mimetype', await mimetype.async('uint8array'), { compression: 'STORE' });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
