import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { simplePdf } from './fixtures.js';

/** A tagged one-page PDF whose producer named its own structure role (mapped to P). */
export async function taggedWithOwnRole(label: string, role: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await simplePdf(label, 1, undefined, true));
  const page = doc.getPage(0);
  const { context } = doc;
  page.node.set(PDFName.of('Contents'), context.register(context.flateStream(`/${role} <</MCID 0>> BDC BT /F1 11 Tf 40 700 Td (${label}) Tj ET EMC`)));
  page.node.set(PDFName.of('StructParents'), context.obj(0));
  const rootRef = context.nextRef();
  const element = context.register(context.obj({ Type: 'StructElem', S: role, P: rootRef, Pg: page.ref, K: 0 }));
  context.assign(rootRef, context.obj({ Type: 'StructTreeRoot', K: [element], RoleMap: { [role]: PDFName.of('P') }, ParentTree: { Nums: [0, [element]] }, ParentTreeNextKey: 1 }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  doc.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  return doc.save();
}

/**
 * Two pages whose Contents are a reference to an array, the first with a link whose rectangle is a
 * reference: both legal, and both left unreferenced when the page is stamped.
 */
export async function indirectContents(label: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await simplePdf(label, 2));
  for (const page of doc.getPages()) {
    const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')));
    const streams = contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of('Contents'))!];
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.obj(streams)));
  }
  const [first, second] = doc.getPages();
  const rect = doc.context.register(doc.context.obj([40, 700, 200, 720]));
  first!.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, Dest: [second!.ref, PDFName.of('Fit')] }))]));
  return doc.save({ useObjectStreams: false });
}

/**
 * The file's object graph from the catalog and the document information: objects nothing
 * reaches (left over), and references to objects the file does not have (broken).
 */
export function objectGraph(doc: PDFDocument): { unreachable: number; dangling: number } {
  const reached = new Set<string>();
  let dangling = 0;
  const pending: unknown[] = [doc.context.trailerInfo.Root, doc.context.trailerInfo.Info];
  while (pending.length) {
    const value = pending.pop();
    if (value instanceof PDFRef) {
      if (reached.has(value.toString())) continue;
      reached.add(value.toString());
      const object = doc.context.lookup(value);
      if (object === undefined) dangling++;
      else pending.push(object);
    } else if (value instanceof PDFDict) pending.push(...value.values());
    else if (value instanceof PDFArray) pending.push(...value.asArray());
    else if (value && typeof value === 'object' && 'dict' in value) pending.push((value as { dict: PDFDict }).dict);
  }
  return { unreachable: doc.context.enumerateIndirectObjects().filter(([ref]) => !reached.has(ref.toString())).length, dangling };
}

/** A link as a reader meets it: its address, or the page it leads to; its description and rectangle. */
export interface LinkSeen {
  uri?: string;
  /** 1-based; absent when it leads nowhere. */
  page?: number;
  description: string;
  rect: string;
}

/** Every link annotation of every page, in order. */
export function linksOnPages(doc: PDFDocument): LinkSeen[][] {
  const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const text = (value: unknown) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);
  return doc.getPages().map((page) =>
    (page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []).flatMap((ref): LinkSeen[] => {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict) || annot.get(PDFName.of('Subtype')) !== PDFName.of('Link')) return [];
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = text(action?.lookup(PDFName.of('URI')));
      const dest = doc.context.lookup(action ? action.get(PDFName.of('D')) : annot.get(PDFName.of('Dest')));
      const target = dest instanceof PDFArray ? dest.get(0) : undefined;
      const page = target instanceof PDFRef ? pageOf.get(target.toString()) : undefined;
      const rect = String(doc.context.lookup(annot.get(PDFName.of('Rect'))));
      return [{ ...(uri !== undefined ? { uri } : {}), ...(page !== undefined ? { page } : {}), description: text(annot.lookup(PDFName.of('Contents'))) ?? '', rect }];
    }),
  );
}
