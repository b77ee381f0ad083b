import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';

/**
 * A conformance checker for PDF/A-2 (ISO 19005-2) and PDF/UA-1 (ISO 14289-1, Matterhorn
 * Protocol), written for the tests independently of the code that writes our PDFs: it walks the
 * objects with pdf-lib and decodes the content streams with a lexer of its own. It covers the
 * machine-checkable rules listed in docs/pdf-archival.md; what needs a renderer or judgement
 * (contrast, reading order making sense, alternative texts being right, glyph widths matching the
 * font programs) is left to veraPDF and PAC.
 *
 * Returns one line per violation, "<rule>: <what>", deduplicated; [] for a conforming file.
 */
export async function checkArchival(bytes: Uint8Array): Promise<string[]> {
  const found = new Set<string>();
  const fail = (rule: string, what: string) => found.add(`${rule}: ${what}`);
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const { context, catalog } = doc;
  const lookup = (value: PDFObject | undefined) => (value instanceof PDFRef ? context.lookup(value) : value);

  // --- File structure (PDF/A-2 6.1) ---
  const head = Buffer.from(bytes.subarray(0, 32)).toString('latin1');
  if (!/^%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}/.test(head)) fail('PDF/A-2 6.1.2', 'header %PDF-1.n followed by a comment of four bytes above 127');
  const id = context.trailerInfo.ID;
  const idArray = lookup(id);
  if (!(idArray instanceof PDFArray) || idArray.size() !== 2) fail('PDF/A-2 6.1.3', 'trailer has no /ID of two strings');
  if (context.trailerInfo.Encrypt) fail('PDF/A-2 6.1.3', 'file is encrypted');

  // --- Every dictionary of the file ---
  const dicts: PDFDict[] = [];
  const streams: PDFStream[] = [];
  {
    const seen = new Set<PDFObject>();
    for (const [, object] of context.enumerateIndirectObjects()) {
      if (object instanceof PDFStream) streams.push(object);
      const stack: PDFObject[] = [object instanceof PDFStream ? object.dict : object];
      while (stack.length) {
        const item = stack.pop()!;
        if (seen.has(item)) continue;
        seen.add(item);
        if (item instanceof PDFDict) {
          dicts.push(item);
          for (const [, value] of item.entries()) if (value instanceof PDFDict || value instanceof PDFArray) stack.push(value);
        } else if (item instanceof PDFArray) {
          for (const value of item.asArray()) if (value instanceof PDFDict || value instanceof PDFArray) stack.push(value);
        }
      }
    }
  }
  const nameOf = (dict: PDFDict, key: string) => {
    const value = lookup(dict.get(PDFName.of(key)));
    return value instanceof PDFName ? value.decodeText() : undefined;
  };
  const filtersOf = (dict: PDFDict) => {
    const value = lookup(dict.get(PDFName.of('Filter')));
    return value instanceof PDFName ? [value.decodeText()] : value instanceof PDFArray ? value.asArray().map((f) => String(f).slice(1)) : [];
  };

  for (const stream of streams) {
    for (const key of ['F', 'FFilter', 'FDecodeParms']) if (stream.dict.has(PDFName.of(key))) fail('PDF/A-2 6.1.7', `stream refers to an external file (/${key})`);
    for (const filter of filtersOf(stream.dict)) if (filter === 'LZWDecode' || filter === 'Crypt') fail('PDF/A-2 6.1.7', `stream uses /${filter}`);
  }

  // PDF/A-2 6.5.1 (veraPDF rule 6.6.1-1) lists the forbidden actions; URI (a web link) is allowed.
  // SubmitForm, GoToR, GoToE and RichMediaExecute are allowed too, but nothing of ours writes them.
  const FORBIDDEN_ACTIONS = new Set(['Launch', 'Sound', 'Movie', 'ResetForm', 'ImportData', 'Hide', 'SetOCGState', 'Rendition', 'Trans', 'GoTo3DView', 'JavaScript', 'SubmitForm', 'GoToR', 'GoToE', 'RichMediaExecute']);
  const ALLOWED_NAMED = new Set(['NextPage', 'PrevPage', 'FirstPage', 'LastPage']);
  const STANDARD_BLEND = new Set(['Normal', 'Compatible', 'Multiply', 'Screen', 'Overlay', 'Darken', 'Lighten', 'ColorDodge', 'ColorBurn', 'HardLight', 'SoftLight', 'Difference', 'Exclusion', 'Hue', 'Saturation', 'Color', 'Luminosity']);
  const FORBIDDEN_ANNOTS = new Set(['3D', 'Sound', 'Screen', 'Movie', 'RichMedia', 'FileAttachment']);
  let usesCmyk = false;

  for (const dict of dicts) {
    const type = nameOf(dict, 'Type');
    const subtype = nameOf(dict, 'Subtype');
    const action = nameOf(dict, 'S');
    if (action && (type === 'Action' || dict.has(PDFName.of('Next')) || FORBIDDEN_ACTIONS.has(action) || action === 'Named') && !dict.has(PDFName.of('P')) && !dict.has(PDFName.of('K'))) {
      if (FORBIDDEN_ACTIONS.has(action)) fail('PDF/A-2 6.5.1', `action /${action}`);
      if (action === 'Named' && !ALLOWED_NAMED.has(nameOf(dict, 'N') ?? '')) fail('PDF/A-2 6.5.1', 'named action other than first/last/next/previous page');
    }
    if (dict.has(PDFName.of('JS'))) fail('PDF/A-2 6.5.1', 'JavaScript (/JS)');
    if (dict.has(PDFName.of('AA'))) fail('PDF/A-2 6.5.2', 'additional actions (/AA)');
    if (dict.has(PDFName.of('XFA'))) fail('PDF/A-2 6.4.2', 'XFA form');
    const needAppearances = lookup(dict.get(PDFName.of('NeedAppearances')));
    if (needAppearances instanceof PDFBool && needAppearances.asBoolean()) fail('PDF/A-2 6.4.1', 'NeedAppearances true');
    if (dict.has(PDFName.of('EmbeddedFiles'))) fail('PDF/A-2 6.8', 'embedded files');
    if (dict.has(PDFName.of('JavaScript')) && !dict.has(PDFName.of('S'))) fail('PDF/A-2 6.5.1', 'document JavaScript');
    if (type === 'ExtGState' || dict.has(PDFName.of('BM')) || dict.has(PDFName.of('TR'))) {
      if (dict.has(PDFName.of('TR'))) fail('PDF/A-2 6.2.5', 'transfer function (/TR)');
      const tr2 = lookup(dict.get(PDFName.of('TR2')));
      if (tr2 !== undefined && !(tr2 instanceof PDFName && tr2.decodeText() === 'Default')) fail('PDF/A-2 6.2.5', '/TR2 other than /Default');
      if (dict.has(PDFName.of('HTP'))) fail('PDF/A-2 6.2.5', 'halftone phase (/HTP)');
      const bm = lookup(dict.get(PDFName.of('BM')));
      const modes = bm instanceof PDFName ? [bm.decodeText()] : bm instanceof PDFArray ? bm.asArray().map((m) => String(m).slice(1)) : [];
      for (const mode of modes) if (!STANDARD_BLEND.has(mode)) fail('PDF/A-2 6.2.10', `blend mode /${mode}`);
    }
    if (subtype === 'Image') {
      const interpolate = lookup(dict.get(PDFName.of('Interpolate')));
      if (interpolate instanceof PDFBool && interpolate.asBoolean()) fail('PDF/A-2 6.2.8', 'image with /Interpolate true');
      if (dict.has(PDFName.of('Alternates'))) fail('PDF/A-2 6.2.8', 'image alternates');
    }
    if (dict.has(PDFName.of('OPI'))) fail('PDF/A-2 6.2.8', 'OPI');
    if (subtype === 'PS' || nameOf(dict, 'Subtype2') === 'PS' || (subtype === 'Form' && dict.has(PDFName.of('PS')))) fail('PDF/A-2 6.2.9', 'PostScript XObject');
    if (subtype === 'Form' && dict.has(PDFName.of('Ref'))) fail('PDF/A-2 6.2.9', 'reference XObject');
    // Device CMYK with an RGB output intent (colour spaces by name and in arrays).
    for (const [, value] of dict.entries()) {
      const v = lookup(value);
      if (v instanceof PDFName && v.decodeText() === 'DeviceCMYK') usesCmyk = true;
      if (v instanceof PDFArray && v.asArray().some((x) => x instanceof PDFName && x.decodeText() === 'DeviceCMYK')) usesCmyk = true;
    }
    if (type === 'Annot' || (subtype && dict.has(PDFName.of('Rect')) && dict.has(PDFName.of('Subtype')) && !type)) {
      checkAnnotation(dict, subtype);
    }
    if (type === 'Font') checkFont(dict, subtype);
  }

  function checkAnnotation(annot: PDFDict, subtype: string | undefined) {
    if (!subtype) return;
    if (FORBIDDEN_ANNOTS.has(subtype)) fail('PDF/A-2 6.3.1', `annotation /${subtype}`);
    if (subtype !== 'Popup') {
      const flags = lookup(annot.get(PDFName.of('F')));
      const f = flags instanceof PDFNumber ? flags.asNumber() : 0;
      if (!(f & 4) || f & (1 | 2 | 32 | 256)) fail('PDF/A-2 6.3.2', `annotation /${subtype} not printable or hidden (/F ${f})`);
    }
    const ap = lookup(annot.get(PDFName.of('AP')));
    if (ap instanceof PDFDict && (ap.has(PDFName.of('D')) || ap.has(PDFName.of('R')))) fail('PDF/A-2 6.3.3', 'appearance dictionary with more than /N');
    if (subtype !== 'Link' && subtype !== 'Popup' && !(ap instanceof PDFDict)) {
      const rect = lookup(annot.get(PDFName.of('Rect')));
      const n = rect instanceof PDFArray ? rect.asArray().map((x) => (x instanceof PDFNumber ? x.asNumber() : 0)) : [0, 0, 0, 0];
      if (n[2]! - n[0]! !== 0 && n[3]! - n[1]! !== 0) fail('PDF/A-2 6.3.3', `annotation /${subtype} without appearance`);
    }
  }

  function checkFont(font: PDFDict, subtype: string | undefined) {
    if (subtype === 'Type3') return;
    const base = nameOf(font, 'BaseFont') ?? '?';
    if (subtype === 'Type0') {
      if (!font.has(PDFName.of('ToUnicode'))) fail('PDF/A-2 6.2.11.7.2', `font ${base} without ToUnicode`);
      return;
    }
    const descriptor = lookup(font.get(PDFName.of('FontDescriptor')));
    const embedded =
      descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((key) => lookup(descriptor.get(PDFName.of(key))) instanceof PDFStream);
    if (!embedded) fail('PDF/A-2 6.2.11.4 / Matterhorn 31-001', `font ${base} not embedded`);
    if (subtype === 'Type1' || subtype === 'TrueType' || subtype === 'MMType1') {
      const encoding = lookup(font.get(PDFName.of('Encoding')));
      const named = encoding instanceof PDFName || (encoding instanceof PDFDict && encoding.has(PDFName.of('BaseEncoding')));
      if (!font.has(PDFName.of('ToUnicode')) && !named) fail('PDF/A-2 6.2.11.7.2', `font ${base} without ToUnicode or standard encoding`);
    }
  }

  // --- Output intent (6.2.2, 6.2.4.3) ---
  const intents = lookup(catalog.get(PDFName.of('OutputIntents')));
  const pdfaIntents = intents instanceof PDFArray ? intents.asArray().map(lookup).filter((i): i is PDFDict => i instanceof PDFDict && nameOf(i, 'S') === 'GTS_PDFA1') : [];
  let intentSpace: string | undefined;
  if (pdfaIntents.length === 0) fail('PDF/A-2 6.2.2', 'no GTS_PDFA1 output intent');
  for (const intent of pdfaIntents) {
    const profile = lookup(intent.get(PDFName.of('DestOutputProfile')));
    if (!(profile instanceof PDFRawStream)) {
      fail('PDF/A-2 6.2.2', 'output intent without embedded ICC profile');
      continue;
    }
    const icc = decodePDFRawStream(profile).decode();
    const space = Buffer.from(icc.subarray(16, 20)).toString('latin1');
    if (Buffer.from(icc.subarray(36, 40)).toString('latin1') !== 'acsp') fail('PDF/A-2 6.2.2', 'output profile is not an ICC profile');
    if (icc[8]! > 4) fail('PDF/A-2 6.2.2', `ICC profile version ${icc[8]}`);
    const n = lookup(profile.dict.get(PDFName.of('N')));
    if (!(n instanceof PDFNumber) || n.asNumber() !== (space === 'RGB ' ? 3 : space === 'CMYK' ? 4 : 1)) fail('PDF/A-2 6.2.2', 'ICC profile /N does not match its colour space');
    intentSpace = space;
  }
  if (usesCmyk && intentSpace !== 'CMYK') fail('PDF/A-2 6.2.4.3', 'DeviceCMYK without a CMYK output intent');

  // --- XMP metadata (6.6) and the Info dictionary ---
  const metadata = lookup(catalog.get(PDFName.of('Metadata')));
  let xmp = '';
  if (!(metadata instanceof PDFRawStream)) fail('PDF/A-2 6.6.2.1', 'no XMP metadata stream in the catalog');
  else {
    if (nameOf(metadata.dict, 'Type') !== 'Metadata' || nameOf(metadata.dict, 'Subtype') !== 'XML') fail('PDF/A-2 6.6.2.1', 'metadata stream not /Type /Metadata /Subtype /XML');
    if (filtersOf(metadata.dict).length) fail('PDF/A-2 6.6.2.1', 'metadata stream compressed');
    xmp = Buffer.from(decodePDFRawStream(metadata).decode()).toString('utf8');
  }
  const xpacket = /<\?xpacket begin=[^?]*\?>/.exec(xmp)?.[0] ?? '';
  if (/\b(bytes|encoding)=/.test(xpacket)) fail('PDF/A-2 6.6.2.1', 'xpacket header with bytes or encoding attribute');
  const xmpValue = (tag: string) => {
    const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xmp);
    if (!m) return undefined;
    const inner = /<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/.exec(m[1]!);
    return unescapeXml((inner ? inner[1]! : m[1]!).trim());
  };
  if (xmpValue('pdfaid:part') !== '2') fail('PDF/A-2 6.6.4', 'pdfaid:part is not 2');
  if (!['A', 'B', 'U'].includes(xmpValue('pdfaid:conformance') ?? '')) fail('PDF/A-2 6.6.4', 'pdfaid:conformance is not A, B or U');
  if (xmpValue('pdfuaid:part') !== '1') fail('Matterhorn 06-002', 'pdfuaid:part is not 1');
  if (!/<pdfaSchema:namespaceURI>http:\/\/www\.aiim\.org\/pdfua\/ns\/id\/<\/pdfaSchema:namespaceURI>[\s\S]*<pdfaProperty:name>part<\/pdfaProperty:name>/.test(xmp)) {
    fail('PDF/A-2 6.6.2.3', 'pdfuaid schema not declared as a PDF/A extension schema');
  }
  const title = xmpValue('dc:title');
  if (!title) fail('Matterhorn 06-003', 'no dc:title');
  const info = lookup(context.trailerInfo.Info);
  const infoText = (key: string) => {
    const v = info instanceof PDFDict ? lookup(info.get(PDFName.of(key))) : undefined;
    return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;
  };
  const pairs: [string, string][] = [['Title', 'dc:title'], ['Author', 'dc:creator'], ['Subject', 'dc:description'], ['Keywords', 'pdf:Keywords'], ['Creator', 'xmp:CreatorTool'], ['Producer', 'pdf:Producer']];
  for (const [key, tag] of pairs) {
    const a = infoText(key);
    if (a !== undefined && a !== xmpValue(tag)) fail('PDF/A-2 6.6.3', `Info /${key} and XMP ${tag} differ`);
  }
  for (const [key, tag] of [['CreationDate', 'xmp:CreateDate'], ['ModDate', 'xmp:ModifyDate']] as const) {
    const a = infoText(key);
    if (a === undefined) continue;
    const x = xmpValue(tag);
    if (!x || pdfDate(a) !== Date.parse(x)) fail('PDF/A-2 6.6.3', `Info /${key} and XMP ${tag} differ`);
  }

  // --- Catalog (PDF/UA-1 7.1, 7.2; PDF/A-2 6.7) ---
  const markInfo = lookup(catalog.get(PDFName.of('MarkInfo')));
  const marked = markInfo instanceof PDFDict ? lookup(markInfo.get(PDFName.of('Marked'))) : undefined;
  if (!(marked instanceof PDFBool && marked.asBoolean())) fail('Matterhorn 01-002', 'MarkInfo /Marked is not true');
  const suspects = markInfo instanceof PDFDict ? lookup(markInfo.get(PDFName.of('Suspects'))) : undefined;
  if (suspects instanceof PDFBool && suspects.asBoolean()) fail('Matterhorn 01-003', 'MarkInfo /Suspects true');
  const lang = lookup(catalog.get(PDFName.of('Lang')));
  if (!((lang instanceof PDFString || lang instanceof PDFHexString) && lang.decodeText().length > 0)) fail('Matterhorn 11-001', 'no document language (/Lang)');
  const prefs = lookup(catalog.get(PDFName.of('ViewerPreferences')));
  const ddt = prefs instanceof PDFDict ? lookup(prefs.get(PDFName.of('DisplayDocTitle'))) : undefined;
  if (!(ddt instanceof PDFBool && ddt.asBoolean())) fail('Matterhorn 07-001', 'ViewerPreferences /DisplayDocTitle is not true');
  if (catalog.has(PDFName.of('AA'))) fail('PDF/A-2 6.5.2', 'catalog /AA');

  // --- Structure tree (Matterhorn 01, 02, 09, 13, 14, 15, 28) ---
  const STANDARD = new Set(['Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private', 'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot', 'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP', 'Figure', 'Formula', 'Form']);
  const root = lookup(catalog.get(PDFName.of('StructTreeRoot')));
  const elementOfMcid = new Map<string, PDFDict>();
  const elementsOfObj = new Set<PDFObject>();
  if (!(root instanceof PDFDict)) fail('Matterhorn 01-004', 'no structure tree');
  else {
    const roleMap = lookup(root.get(PDFName.of('RoleMap')));
    const roleOf = (type: string): string | undefined => {
      let current = type;
      for (let i = 0; i < 16; i++) {
        if (STANDARD.has(current)) return current;
        const next = roleMap instanceof PDFDict ? lookup(roleMap.get(PDFName.of(current))) : undefined;
        if (!(next instanceof PDFName)) return undefined;
        current = next.decodeText();
      }
      return undefined;
    };
    if (roleMap instanceof PDFDict) for (const key of roleMap.keys()) if (STANDARD.has(key.decodeText())) fail('Matterhorn 02-004', `standard type ${key.decodeText()} remapped`);
    const pageRefs = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i]));
    let lastHeading = 0;
    const headingsSeen: number[] = [];
    const visit = (ref: PDFObject | undefined, parentRole: string, inTable: boolean, pageOf: PDFObject | undefined, depth: number) => {
      const element = lookup(ref);
      if (depth > 200) return;
      if (element instanceof PDFArray) {
        for (const kid of element.asArray()) visit(kid, parentRole, inTable, pageOf, depth + 1);
        return;
      }
      if (element instanceof PDFNumber) {
        if (pageOf) elementOfMcid.set(`${pageOf.toString()}#${element.asNumber()}`, undefined as unknown as PDFDict);
        return;
      }
      if (!(element instanceof PDFDict)) return;
      const kType = nameOf(element, 'Type');
      if (kType === 'MCR') {
        const mcid = lookup(element.get(PDFName.of('MCID')));
        const pg = element.get(PDFName.of('Pg')) ?? pageOf;
        if (mcid instanceof PDFNumber && pg) elementOfMcid.set(`${pg.toString()}#${mcid.asNumber()}`, element);
        return;
      }
      if (kType === 'OBJR') {
        elementsOfObj.add(element.get(PDFName.of('Obj'))!);
        return;
      }
      const s = nameOf(element, 'S');
      if (!s) return;
      const role = roleOf(s);
      if (!role) fail('Matterhorn 02-001', `structure type ${s} neither standard nor role-mapped`);
      const r = role ?? s;
      if (r === 'TR' && !['Table', 'THead', 'TBody', 'TFoot'].includes(parentRole)) fail('Matterhorn 09-004', `TR inside ${parentRole}`);
      if ((r === 'TH' || r === 'TD') && parentRole !== 'TR') fail('Matterhorn 09-005', `${r} inside ${parentRole}`);
      if (r === 'LI' && parentRole !== 'L') fail('Matterhorn 09-007', `LI inside ${parentRole}`);
      if ((r === 'Lbl' || r === 'LBody') && parentRole !== 'LI') fail('Matterhorn 09-008', `${r} inside ${parentRole}`);
      if (r === 'Figure' || r === 'Formula') {
        const alt = lookup(element.get(PDFName.of('Alt'))) ?? lookup(element.get(PDFName.of('ActualText')));
        if (!((alt instanceof PDFString || alt instanceof PDFHexString) && alt.decodeText().trim())) fail('Matterhorn 13-004', `${r} without alternative text`);
      }
      const heading = /^H([1-6])$/.exec(r);
      if (heading) {
        const level = Number(heading[1]);
        if (headingsSeen.length === 0 && level !== 1) fail('Matterhorn 14-002', `first heading is H${level}`);
        if (level > lastHeading + 1) fail('Matterhorn 14-003', `H${level} follows H${lastHeading}`);
        if (inTable) fail('Vorlagenwerk', `heading H${level} inside a table`);
        lastHeading = level;
        headingsSeen.push(level);
      }
      if (r === 'TH' && !hasScope(element)) fail('Matterhorn 15-003', 'TH without /Scope');
      const pg = element.get(PDFName.of('Pg')) ?? pageOf;
      if (pg && lookup(pg) instanceof PDFDict && !pageRefs.has(pg.toString())) fail('Matterhorn 01-004', 'structure element on a page not in the document');
      visit(element.get(PDFName.of('K')), r, inTable || r === 'Table', pg, depth + 1);
    };
    const hasScope = (element: PDFDict) => {
      const a = lookup(element.get(PDFName.of('A')));
      const list = a instanceof PDFArray ? a.asArray().map(lookup) : [a];
      return list.some((attr) => attr instanceof PDFDict && nameOf(attr, 'O') === 'Table' && attr.has(PDFName.of('Scope')));
    };
    visit(root.get(PDFName.of('K')), 'StructTreeRoot', false, undefined, 0);

    // Parent tree: each page's marked content must lead back to an element.
    const parentTree = new Map<number, PDFObject>();
    const collect = (node: PDFObject | undefined, depth: number) => {
      const n = lookup(node);
      if (!(n instanceof PDFDict) || depth > 32) return;
      const nums = lookup(n.get(PDFName.of('Nums')));
      if (nums instanceof PDFArray) for (let i = 0; i + 1 < nums.size(); i += 2) parentTree.set((lookup(nums.get(i)) as PDFNumber).asNumber(), nums.get(i + 1));
      const kids = lookup(n.get(PDFName.of('Kids')));
      if (kids instanceof PDFArray) for (const kid of kids.asArray()) collect(kid, depth + 1);
    };
    collect(root.get(PDFName.of('ParentTree')), 0);

    doc.getPages().forEach((page, index) => {
      const label = `page ${index + 1}`;
      const content = pageContent(doc, page.node);
      if (content === null) {
        fail('Vorlagenwerk', `${label}: content not decodable`);
        return;
      }
      const { untagged, mcids, cmyk } = scanContent(content);
      if (cmyk && intentSpace !== 'CMYK') fail('PDF/A-2 6.2.4.3', 'DeviceCMYK without a CMYK output intent');
      if (untagged.length) fail('Matterhorn 01-005', `${label}: content neither tagged nor artifact (${[...new Set(untagged)].join(' ')})`);
      if (mcids.length) {
        const key = lookup(page.node.get(PDFName.of('StructParents')));
        const parents = key instanceof PDFNumber ? lookup(parentTree.get(key.asNumber())) : undefined;
        for (const mcid of mcids) {
          const parent = parents instanceof PDFArray ? lookup(parents.get(mcid)) : undefined;
          if (!(parent instanceof PDFDict) || !nameOf(parent, 'S')) fail('Matterhorn 01-004', `${label}: MCID ${mcid} has no structure element in the parent tree`);
        }
      }
      const annots = lookup(page.node.get(PDFName.of('Annots')));
      if (annots instanceof PDFArray && annots.size()) {
        if (nameOf(page.node, 'Tabs') !== 'S') fail('Matterhorn 28-? (7.18.3)', `${label}: annotations but /Tabs is not /S`);
        for (const entry of annots.asArray()) {
          const annot = lookup(entry);
          if (!(annot instanceof PDFDict)) continue;
          const subtype = nameOf(annot, 'Subtype');
          if (subtype === 'Popup') continue;
          if (!elementsOfObj.has(entry) && !(entry instanceof PDFRef && [...elementsOfObj].some((o) => o.toString() === entry.toString()))) {
            fail('Matterhorn 28-002', `${label}: annotation /${subtype} not in the structure tree`);
          }
          const contents = lookup(annot.get(PDFName.of('Contents')));
          if (subtype === 'Link' && !((contents instanceof PDFString || contents instanceof PDFHexString) && contents.decodeText().trim())) {
            fail('Matterhorn 28-011', `${label}: link without alternate description (/Contents)`);
          }
        }
      }
    });
  }
  return [...found].sort();
}

function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
}

function pdfDate(text: string): number {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', tz = 'Z'] = m;
  const zone = tz === 'Z' ? 'Z' : `${tz.slice(0, 3)}:${tz.replace(/'/g, '').slice(3, 5)}`;
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
}

function pageContent(doc: PDFDocument, page: PDFDict): string | null {
  const raw = page.get(PDFName.of('Contents'));
  const value = raw instanceof PDFRef ? doc.context.lookup(raw) : raw;
  const items = value instanceof PDFArray ? value.asArray().map((r) => doc.context.lookup(r)) : value ? [value] : [];
  try {
    return items
      .map((s) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : ''))
      .join('\n');
  } catch {
    return null;
  }
}

/**
 * Painting operators outside any tagged (MCID) or artifact sequence, and the MCIDs used, from a
 * content stream. Its own small lexer: strings, hex strings, names, dictionaries, inline images.
 */
export function scanContent(text: string): { untagged: string[]; mcids: number[]; cmyk: boolean } {
  const PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'Do', 'sh', 'EI', 'Tj', 'TJ', "'", '"']);
  const untagged: string[] = [];
  const mcids: number[] = [];
  const stack: boolean[] = [];
  let cmyk = false;
  let operands: string[] = [];
  const re = /\s+|%[^\r\n]*|\((?:\\[\s\S]|[^\\()]|\((?:\\[\s\S]|[^\\()])*\))*\)|<<|>>|<[0-9A-Fa-f\s]*>|\[|\]|\/[^\s/<>[\]()%{}]*|[^\s/<>[\]()%{}]+|[\s\S]/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const token = m[0];
    if (/^\s|^%/.test(token) || token === '') {
      if (token === '') re.lastIndex++;
      continue;
    }
    if (/^[([<\]>/]|^[+-]?[\d.]/.test(token) || token === 'true' || token === 'false' || token === 'null') {
      operands.push(token);
      continue;
    }
    if (token === 'ID') {
      const end = text.slice(re.lastIndex).search(/\sEI(?=\s|$)/);
      re.lastIndex = end < 0 ? text.length : re.lastIndex + end + 3;
      if (!stack.some(Boolean)) untagged.push('EI');
      operands = [];
      continue;
    }
    if (token === 'BDC' || token === 'BMC') {
      const joined = operands.join(' ');
      const mcid = /\/MCID\s+(\d+)/.exec(joined);
      if (mcid) mcids.push(Number(mcid[1]));
      stack.push(Boolean(mcid) || operands[0] === '/Artifact' || (stack.length > 0 && stack[stack.length - 1]!));
    } else if (token === 'EMC') {
      stack.pop();
    } else if (token === 'k' || token === 'K') {
      cmyk = true;
    } else if (PAINT.has(token) && !(stack.length && stack[stack.length - 1])) {
      untagged.push(token);
    }
    operands = [];
  }
  return { untagged, mcids, cmyk };
}
