/** What the XMP packet of an archival PDF says; the Info dictionary carries the same values. */
export interface XmpFields {
  title: string;
  author?: string;
  subject?: string;
  /** As in the Info dictionary: one string (pdf-lib joins keywords with spaces). */
  keywords?: string;
  creatorTool: string;
  producer: string;
  created: Date;
  modified: Date;
  language: string;
  /** PDF/A-2 conformance level claimed, or null when the file cannot claim PDF/A (see finish.ts). */
  pdfa: 'A' | 'U' | 'B' | null;
}

const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** ISO 8601 in UTC, to the second: the same instant the Info dictionary's D:…Z dates name. */
export function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The XMP metadata packet PDF/A-2 (6.6) and PDF/UA-1 (5, 7.1) ask for. pdfuaid is not one of the
 * schemas PDF/A predefines, so it is declared in a pdfaExtension schema block; without it a PDF/A
 * validator rejects the pdfuaid:part property.
 */
export function buildXmp(fields: XmpFields): string {
  const text = (value: string) => escapeXml(value);
  const lines = [
    // The byte order mark in begin= is required by XMP; PDF/A forbids the bytes/encoding attributes.
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"',
    '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"',
    '    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"',
    '    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"',
    '    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">',
    '   <dc:format>application/pdf</dc:format>',
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${text(fields.title)}</rdf:li></rdf:Alt></dc:title>`,
    ...(fields.author ? [`   <dc:creator><rdf:Seq><rdf:li>${text(fields.author)}</rdf:li></rdf:Seq></dc:creator>`] : []),
    ...(fields.subject
      ? [`   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${text(fields.subject)}</rdf:li></rdf:Alt></dc:description>`]
      : []),
    `   <dc:language><rdf:Bag><rdf:li>${text(fields.language)}</rdf:li></rdf:Bag></dc:language>`,
    `   <pdf:Producer>${text(fields.producer)}</pdf:Producer>`,
    ...(fields.keywords ? [`   <pdf:Keywords>${text(fields.keywords)}</pdf:Keywords>`] : []),
    `   <xmp:CreatorTool>${text(fields.creatorTool)}</xmp:CreatorTool>`,
    `   <xmp:CreateDate>${xmpDate(fields.created)}</xmp:CreateDate>`,
    `   <xmp:ModifyDate>${xmpDate(fields.modified)}</xmp:ModifyDate>`,
    `   <xmp:MetadataDate>${xmpDate(fields.modified)}</xmp:MetadataDate>`,
    ...(fields.pdfa ? ['   <pdfaid:part>2</pdfaid:part>', `   <pdfaid:conformance>${fields.pdfa}</pdfaid:conformance>`] : []),
    '   <pdfuaid:part>1</pdfuaid:part>',
    '   <pdfaExtension:schemas>',
    '    <rdf:Bag>',
    '     <rdf:li rdf:parseType="Resource">',
    '      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>',
    '      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>',
    '      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>',
    '      <pdfaSchema:property>',
    '       <rdf:Seq>',
    '        <rdf:li rdf:parseType="Resource">',
    '         <pdfaProperty:name>part</pdfaProperty:name>',
    '         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>',
    '         <pdfaProperty:category>internal</pdfaProperty:category>',
    '         <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>',
    '        </rdf:li>',
    '       </rdf:Seq>',
    '      </pdfaSchema:property>',
    '     </rdf:li>',
    '    </rdf:Bag>',
    '   </pdfaExtension:schemas>',
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ];
  return lines.join('\n');
}
