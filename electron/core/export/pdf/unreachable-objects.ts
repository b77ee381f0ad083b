import { PDFArray, PDFDict, PDFRef, PDFStream, type PDFContext, type PDFObject } from './pdf-lib.js';

/** pdf-lib keeps a container's entries in fields it does not expose. */
interface DictInternals {
  dict: Map<unknown, PDFObject>;
}
interface ArrayInternals {
  array: PDFObject[];
}

/**
 * Deletes every object that neither the catalog nor the document information reach. pdf-lib
 * writes all objects of its context, referenced or not, so a document that had parts taken out
 * (a reused pack, kept-pack.ts) would otherwise still carry their text: never acceptable in a
 * published file. Returns how many objects were deleted.
 */
export function dropUnreachableObjects(context: PDFContext): number {
  const reached = new Set<PDFRef>();
  const pending: PDFObject[] = [];
  const visit = (value: PDFObject | undefined) => {
    if (value instanceof PDFRef) {
      if (reached.has(value)) return;
      reached.add(value);
      const object = context.lookup(value);
      if (object) pending.push(object);
    } else if (value instanceof PDFDict || value instanceof PDFArray || value instanceof PDFStream) pending.push(value);
  };
  const { Root, Info } = context.trailerInfo;
  visit(Root);
  visit(Info);
  for (let object = pending.pop(); object !== undefined; object = pending.pop()) {
    const container = object instanceof PDFStream ? object.dict : object;
    if (container instanceof PDFDict) for (const value of (container as unknown as DictInternals).dict.values()) visit(value);
    else if (container instanceof PDFArray) for (const value of (container as unknown as ArrayInternals).array) visit(value);
  }
  let dropped = 0;
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (reached.has(ref)) continue;
    context.delete(ref);
    dropped++;
  }
  return dropped;
}
