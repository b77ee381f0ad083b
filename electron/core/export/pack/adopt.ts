import { PDFArray, PDFDict, PDFRef, PDFStream, type PDFContext, type PDFObject } from '../pdf/pdf-lib.js';

/** pdf-lib keeps a container's entries and context in fields it does not expose. */
interface DictInternals {
  dict: Map<unknown, PDFObject>;
  context: PDFContext;
}
interface ArrayInternals {
  array: PDFObject[];
  context: PDFContext;
}

/**
 * Moves objects of a parsed document into the pack under new object numbers — in place. pdf-lib's
 * copier clones every object instead, which for a whole document doubles what the garbage
 * collector has to carry (measured on 500 pages: a third of the assembly time was GC). A source
 * is parsed for the pack only and dropped afterwards, so its objects can simply change hands.
 *
 * `adopt(value)` maps a reference (moving the object behind it, and everything reachable from
 * that, on `drain()`) or rewrites a direct container; references already in `refs` (e.g. pages
 * placed by the caller) are not followed again.
 */
export class ObjectAdopter {
  private readonly pending: PDFObject[] = [];
  private readonly seen = new Set<PDFObject>();

  constructor(
    private readonly src: PDFContext,
    private readonly dest: PDFContext,
    readonly refs = new Map<PDFRef, PDFRef>(),
  ) {}

  /** Places `object` under a new number of its own; it is rewritten on `drain()`. */
  place(ref: PDFRef, object: PDFObject): PDFRef {
    const mapped = this.dest.nextRef();
    this.refs.set(ref, mapped);
    this.dest.assign(mapped, object);
    this.pending.push(object);
    return mapped;
  }

  adopt<T extends PDFObject>(value: T): T {
    if (value instanceof PDFRef) return this.mapRef(value) as unknown as T;
    this.pending.push(value);
    return value;
  }

  /** Rewrites everything adopted so far, following references until nothing is left. */
  drain(): void {
    for (let object = this.pending.pop(); object !== undefined; object = this.pending.pop()) this.rewrite(object);
  }

  private mapRef(ref: PDFRef): PDFRef {
    const mapped = this.refs.get(ref);
    if (mapped) return mapped;
    const object = this.src.lookup(ref);
    if (object === undefined) {
      // A dangling reference stays dangling (PDF readers treat it as null), but in the pack's numbering.
      const fresh = this.dest.nextRef();
      this.refs.set(ref, fresh);
      return fresh;
    }
    return this.place(ref, object);
  }

  private rewrite(object: PDFObject): void {
    const container = object instanceof PDFStream ? object.dict : object;
    if (this.seen.has(container)) return;
    if (container instanceof PDFDict) {
      this.seen.add(container);
      const internals = container as unknown as DictInternals;
      internals.context = this.dest;
      for (const [key, value] of internals.dict) {
        if (value instanceof PDFRef) internals.dict.set(key, this.mapRef(value));
        else if (value instanceof PDFDict || value instanceof PDFArray) this.rewrite(value);
      }
    } else if (container instanceof PDFArray) {
      this.seen.add(container);
      const internals = container as unknown as ArrayInternals;
      internals.context = this.dest;
      const items = internals.array;
      for (let i = 0; i < items.length; i++) {
        const value = items[i]!;
        if (value instanceof PDFRef) items[i] = this.mapRef(value);
        else if (value instanceof PDFDict || value instanceof PDFArray) this.rewrite(value);
      }
    }
  }
}
