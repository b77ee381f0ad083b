import {
  PDFArray,
  PDFNull,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFRef,
  PDFString,
  type PDFDocument,
  type PDFObject,
} from '../pdf/pdf-lib.js';
import { ObjectAdopter } from './adopt.js';
import { annotations, contentStreams, decodedContent, formXObjects } from './page-objects.js';

/** How the content of an untagged page enters the structure tree. */
export interface UntaggedPageRole {
  /** Div for text we cannot structure further, Figure for pictures. */
  role: 'Div' | 'Figure';
  /** Alternative text (Figure). */
  alt?: string;
}

const name = PDFName.of;
/** Page attributes a page may inherit from its parents in the page tree. */
const INHERITABLE = ['Resources', 'MediaBox', 'CropBox', 'Rotate'];

/**
 * What one copied source or untagged part added to the tree besides its elements: parent-tree
 * keys [from, to) and, for a tagged source, the number its element ids are prefixed with. Given
 * back to `forget` when the part leaves a pack that is reused (kept-pack.ts).
 */
export interface StructureShare {
  keys: [number, number];
  source?: number;
}

/** Pages moved into the pack; `bring` moves further objects of the same source, `done` finishes. */
interface PageTransfer {
  pages: PDFPage[];
  bring<T extends PDFObject>(value: T): T;
  done(): void;
}

/**
 * The structure tree (tagged PDF) of a pack. Our rendered documents come tagged from Chromium;
 * their trees are copied whole, with page references pointing at the pages in the pack and the
 * parent-tree keys moved past those of earlier sources. Tagged Anlagen are copied the same way.
 * Untagged Anlagen, pictures and note pages get one element per page around the whole page
 * content, so assistive technology still reads them: in a tagged PDF, content outside the tree
 * is skipped. Stamps and page numbers are marked as artifacts (see stamp.ts).
 *
 * Copying happens as sources arrive; the caller appends the elements in the order of the pack.
 */
export class PackStructure {
  private readonly root: PDFRef;
  /** The one top-level element (PDF/UA): the pack's Document, holding one Part or Sect per source. */
  private readonly document: PDFRef;
  private readonly elements: PDFRef[] = [];
  private parentTree: [number, PDFObject][] = [];
  /** Each copied source's role map, by source number; merged (first one wins) when finished. */
  private readonly roleMaps = new Map<number, (readonly [string, PDFObject])[]>();
  private ids: [string, PDFObject][] = [];
  /**
   * The marked-content id of our whole-page sequence, where it is not 0: pages of an untagged
   * source may still carry marked content of a tree that was dropped (a copier kept the
   * /StructParents); our id then comes after theirs, so no id appears twice on a page.
   */
  private readonly wholePageMcids = new WeakMap<PDFDict, number>();
  private nextKey = 0;
  private sources = 0;

  constructor(private readonly out: PDFDocument) {
    this.root = out.context.nextRef();
    this.document = out.context.nextRef();
  }

  /**
   * Copies the pages of `src` at `indices`, in one pass so that shared resources are copied once.
   * The source's structure tree comes along when it is tagged and all its pages are copied;
   * otherwise structure references are removed from the copies, as they would dangle.
   */
  copyPages(src: PDFDocument, indices: number[]): { pages: PDFPage[]; elements: PDFRef[] | null; share?: StructureShare } {
    const whole = indices.length === src.getPageCount() && new Set(indices).size === indices.length;
    // Read before anything moves: a tree that cannot be read makes the source count as untagged
    // (its pages still come along) instead of failing the whole Anlage.
    const tree = whole ? readTree(src) : null;
    if (tree) {
      // The top-level elements point at the source's root, which must not come along.
      for (const element of elementsOf(src, tree.k)) element.delete(name('P'));
    }
    const { pages, bring, done } = whole ? this.adoptPages(src, indices) : this.clonePages(src, indices);
    if (!tree) {
      done();
      const marked = src.catalog.get(name('MarkInfo')) !== undefined;
      for (const page of pages) {
        if (marked || page.node.has(name('StructParents'))) {
          const mcid = nextFreeMcid(page);
          if (mcid > 0) this.wholePageMcids.set(page.node, mcid);
        }
        removeStructParents(page);
      }
      return { pages, elements: null };
    }

    const base = this.nextKey;
    const top = bring(tree.k);
    const entries = tree.entries.map(([key, value]) => [key, bring(value)] as const);
    const roles = tree.roles.map(([key, value]) => [key, bring(value)] as const);
    done();

    for (const page of pages) shiftStructParents(page, base);
    const source = ++this.sources;
    // Anything but an element dictionary at the top (malformed trees exist) is left out.
    const elements = refsOf(this.out.context, top).filter((ref) => this.out.context.lookup(ref) instanceof PDFDict);
    for (const ref of elements) {
      const element = this.out.context.lookup(ref, PDFDict);
      element.set(name('P'), this.document);
      // Each source's Document becomes one Part of the pack's single Document.
      if (element.get(name('S'))?.toString() === '/Document') element.set(name('S'), name('Part'));
      this.renameIds(ref, source);
    }
    let maxKey = -1;
    for (const [key, value] of entries) {
      this.parentTree.push([key + base, value]);
      maxKey = Math.max(maxKey, key);
    }
    this.nextKey = base + Math.max(tree.next ?? 0, maxKey + 1);
    if (roles.length) this.roleMaps.set(source, roles);
    return { pages, elements, share: { keys: [base, this.nextKey], source } };
  }

  /**
   * Takes what a part added (copyPages, addUntagged) out of the parent tree, the id tree and the
   * role map (a producer's own role names are the file's, not the pack's).
   * Its elements leave with the next `startOrder`; its keys are not given out again.
   */
  forget(share: StructureShare): void {
    const [from, to] = share.keys;
    this.parentTree = this.parentTree.filter(([key]) => key < from || key >= to);
    if (share.source !== undefined) {
      this.roleMaps.delete(share.source);
      const prefix = `s${share.source}-`;
      this.ids = this.ids.filter(([id]) => !id.startsWith(prefix));
    }
  }

  /** Empties the order of top-level elements, for a reused pack to append its parts anew. */
  startOrder(): void {
    this.elements.length = 0;
  }

  /**
   * All pages of a source, taken over in place (see adopt.ts). Inherited page attributes move
   * into each page first, as its parent stays behind.
   */
  private adoptPages(src: PDFDocument, indices: number[]): PageTransfer {
    const adopter = new ObjectAdopter(src.context, this.out.context);
    const srcPages = src.getPages();
    const pages = indices.map((i) => {
      const { node, ref } = srcPages[i]!;
      for (const key of INHERITABLE) {
        if (node.get(name(key)) === undefined) {
          const inherited = node.getInheritableAttribute(name(key));
          if (inherited !== undefined) node.set(name(key), inherited);
        }
      }
      node.delete(name('Parent'));
      return PDFPage.of(node, adopter.place(ref, node), this.out);
    });
    return { pages, bring: (value) => adopter.adopt(value), done: () => adopter.drain() };
  }

  /** Some pages of a source: copied with pdf-lib's copier, shared resources once. */
  private clonePages(src: PDFDocument, indices: number[]): PageTransfer {
    const copier = PDFObjectCopier.for(src.context, this.out.context);
    // Page references of the source map to the pages of the pack, so that /P entries of
    // annotations never copy a page a second time.
    const mapped = (copier as unknown as { traversedObjects: Map<PDFObject, PDFObject> }).traversedObjects;
    const srcPages = src.getPages();
    const refs = indices.map((i) => {
      const ref = this.out.context.nextRef();
      mapped.set(srcPages[i]!.ref, ref);
      return ref;
    });
    const pages = indices.map((i, n) => {
      const copy = copier.copy(srcPages[i]!.node);
      this.out.context.assign(refs[n]!, copy);
      return PDFPage.of(copy, refs[n]!, this.out);
    });
    return { pages, bring: (value) => copier.copy(value), done: () => undefined };
  }

  /**
   * Splits the tree of one print that holds several parts (the Vorlagen of a batch) into one
   * Part per part, by the page each top-level element starts on, so that the reading order is
   * the order of the pack: Vorlage, its Anlagen, next Vorlage. `parts` are the pages of each
   * part, in print order. Elements before the first page found stay with the first part.
   */
  splitByParts(elements: PDFRef[], parts: PDFPage[][]): PDFRef[][] {
    const { context } = this.out;
    const top = elements.length === 1 ? context.lookup(elements[0]!) : undefined;
    if (!(top instanceof PDFDict) || parts.length < 2) return parts.map((_, i) => (i === 0 ? elements : []));
    const kids = refsOf(context, top.get(name('K')));
    const partOfPage = new Map<PDFRef, number>();
    parts.forEach((pages, i) => pages.forEach((page) => partOfPage.set(page.ref, i)));
    const groups: PDFRef[][] = parts.map(() => []);
    let current = 0;
    for (const kid of kids) {
      if (!(context.lookup(kid) instanceof PDFDict)) continue;
      const page = firstPage(context, kid);
      current = Math.max(current, (page && partOfPage.get(page)) ?? current);
      groups[current]!.push(kid);
    }
    const lang = top.get(name('Lang'));
    context.delete(elements[0]!);
    return groups.map((group) => {
      if (group.length === 0) return [];
      const part = context.nextRef();
      for (const kid of group) context.lookup(kid, PDFDict).set(name('P'), part);
      context.assign(part, context.obj({ Type: 'StructElem', S: 'Part', P: this.document, ...(lang ? { Lang: lang } : {}), K: group }));
      return [part];
    });
  }

  /** Appends copied top-level elements (from copyPages) at this point of the pack. */
  append(elements: PDFRef[]): void {
    this.elements.push(...elements);
  }

  /** The marked-content id to wrap an untagged page's content in (see addUntagged). */
  wholePageMcid(page: PDFPage): number {
    return this.wholePageMcids.get(page.node) ?? 0;
  }

  /**
   * One element around the whole content of each page (wrapped by the stamper in a marked-content
   * sequence with wholePageMcid), grouped in one Sect per part with the part's title.
   */
  addUntagged(pages: PDFPage[], title: string, how: UntaggedPageRole): { sect: PDFRef; share: StructureShare } {
    const { context } = this.out;
    const from = this.nextKey;
    const sect = context.nextRef();
    const kids = pages.map((page) => {
      const mcid = this.wholePageMcid(page);
      const element = context.nextRef();
      const annotationElements = this.tagAnnotations(page, element, title);
      context.assign(
        element,
        context.obj({
          Type: 'StructElem',
          S: how.role,
          P: sect,
          Pg: page.ref,
          K: annotationElements.length ? [mcid, ...annotationElements] : mcid,
          ...(how.alt ? { Alt: PDFHexString.fromText(how.alt) } : {}),
        }),
      );
      page.node.set(name('StructParents'), PDFNumber.of(this.nextKey));
      // Indexed by marked-content id: leftover ids before ours belong to no element.
      const parents: PDFObject[] = Array.from({ length: mcid }, () => PDFNull);
      this.parentTree.push([this.nextKey++, context.obj([...parents, element])]);
      return element;
    });
    context.assign(sect, context.obj({ Type: 'StructElem', S: 'Sect', P: this.document, ...(title ? { T: PDFHexString.fromText(title) } : {}), K: kids }));
    this.elements.push(sect);
    return { sect, share: { keys: [from, this.nextKey] } };
  }

  /**
   * The annotations of an untagged page (the internal links an Anlage keeps, see inert-pdf.ts)
   * as elements of the tree: PDF/UA-1 7.18 wants each in a Link, Form or Annot element, found
   * through its /StructParent, with a description in /Contents for links.
   */
  private tagAnnotations(page: PDFPage, parent: PDFRef, title: string): PDFRef[] {
    const { context } = this.out;
    const annots = page.node.lookupMaybe(name('Annots'), PDFArray);
    if (!annots) return [];
    const elements: PDFRef[] = [];
    annots.asArray().forEach((entry, i) => {
      const annot = context.lookup(entry);
      if (!(annot instanceof PDFDict)) return;
      const subtype = annot.get(name('Subtype'))?.toString();
      if (subtype === '/Popup') return;
      let ref = entry instanceof PDFRef ? entry : undefined;
      if (!ref) {
        ref = context.register(annot);
        annots.set(i, ref);
      }
      const role = subtype === '/Link' ? 'Link' : subtype === '/Widget' ? 'Form' : 'Annot';
      if (role === 'Link' && !annot.has(name('Contents'))) annot.set(name('Contents'), PDFHexString.fromText(`Verweis innerhalb von ${title}`));
      const element = context.register(
        context.obj({ Type: 'StructElem', S: role, P: parent, Pg: page.ref, K: context.obj({ Type: 'OBJR', Obj: ref, Pg: page.ref }) }),
      );
      annot.set(name('StructParent'), PDFNumber.of(this.nextKey));
      this.parentTree.push([this.nextKey++, element]);
      elements.push(element);
    });
    return elements;
  }

  /** Writes the tree into the catalog; a pack without tagged parts stays untagged. */
  finish(): void {
    if (this.elements.length === 0) {
      // A reused pack may still have the tree of the last one.
      this.out.catalog.delete(name('StructTreeRoot'));
      this.out.catalog.delete(name('MarkInfo'));
      return;
    }
    const { context } = this.out;
    this.parentTree.sort((a, b) => a[0] - b[0]);
    context.assign(this.document, context.obj({ Type: 'StructElem', S: 'Document', P: this.root, Lang: PDFString.of('de-DE'), K: this.elements }));
    const root = context.obj({
      Type: 'StructTreeRoot',
      K: this.document,
      ParentTree: context.register(context.obj({ Nums: this.parentTree.flatMap(([key, value]) => [key, value]) })),
      ParentTreeNextKey: this.nextKey,
    });
    const roleMap = new Map<string, PDFObject>();
    for (const roles of this.roleMaps.values()) for (const [key, value] of roles) if (!roleMap.has(key)) roleMap.set(key, value);
    if (roleMap.size) root.set(name('RoleMap'), context.obj(Object.fromEntries(roleMap)));
    if (this.ids.length) {
      this.ids.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      root.set(name('IDTree'), context.register(context.obj({ Names: this.ids.flatMap(([id, ref]) => [PDFString.of(id), ref]) })));
    }
    context.assign(this.root, root);
    this.out.catalog.set(name('StructTreeRoot'), this.root);
    this.out.catalog.set(name('MarkInfo'), context.obj({ Marked: true }));
  }

  /**
   * Element ids (used by table cells to name their header cells) are unique per source only:
   * each source's ids get a prefix, in the elements and in the /Headers that refer to them.
   */
  private renameIds(ref: PDFRef, source: number): void {
    const prefix = `s${source}-`;
    const seen = new Set<PDFDict>();
    const visit = (object: PDFObject | undefined) => {
      const value = object instanceof PDFRef ? this.out.context.lookup(object) : object;
      if (value instanceof PDFArray) {
        for (const item of value.asArray()) visit(item);
        return;
      }
      if (!(value instanceof PDFDict) || seen.has(value) || !value.has(name('S'))) return;
      seen.add(value);
      const id = textOf(value.get(name('ID')));
      if (id !== undefined) {
        value.set(name('ID'), PDFString.of(prefix + id));
        if (object instanceof PDFRef) this.ids.push([prefix + id, object]);
      }
      for (const attributes of arrayOrSingle(this.out, value.get(name('A')))) {
        const headers = attributes instanceof PDFDict ? attributes.lookupMaybe(name('Headers'), PDFArray) : undefined;
        if (!headers) continue;
        headers.asArray().forEach((h, i) => {
          const text = textOf(h);
          if (text !== undefined) headers.set(i, PDFString.of(prefix + text));
        });
      }
      visit(value.get(name('K')));
    };
    visit(ref);
  }
}

/** One more than the highest marked-content id in a page's content (0 when it has none). */
function nextFreeMcid(page: PDFPage): number {
  let highest = -1;
  for (const stream of contentStreams(page)) {
    for (const match of decodedContent(stream)?.matchAll(/\/MCID\s+(\d+)/g) ?? []) highest = Math.max(highest, Number(match[1]));
  }
  return highest + 1;
}

/** The page an element's content starts on: the /Pg of it or its first descendant that has one. */
function firstPage(context: PDFDocument['context'], ref: PDFRef, depth = 0): PDFRef | undefined {
  const element = context.lookup(ref);
  if (!(element instanceof PDFDict) || depth > 64) return undefined;
  const page = element.get(name('Pg'));
  if (page instanceof PDFRef) return page;
  const k = element.get(name('K'));
  for (const kid of k instanceof PDFArray ? k.asArray() : [k]) {
    const found = kid instanceof PDFRef ? firstPage(context, kid, depth + 1) : kid instanceof PDFDict ? pageOfMarkedContent(kid) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** A marked-content or object reference dictionary may name its page itself. */
function pageOfMarkedContent(reference: PDFDict): PDFRef | undefined {
  const page = reference.get(name('Pg'));
  return page instanceof PDFRef ? page : undefined;
}

function textOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

function arrayOrSingle(doc: PDFDocument, value: PDFObject | undefined): PDFObject[] {
  const resolved = value === undefined ? undefined : doc.context.lookup(value);
  if (resolved instanceof PDFArray) return resolved.asArray().map((v) => doc.context.lookup(v) ?? v);
  return resolved ? [resolved] : [];
}

/** The element dictionaries a /K value of the root names (one ref or an array of refs). */
function elementsOf(doc: PDFDocument, k: PDFObject | undefined): PDFDict[] {
  return arrayOrSingle(doc, k).filter((v): v is PDFDict => v instanceof PDFDict);
}

/** Element references of a /K value: one reference, an array, or a reference to an array. */
function refsOf(context: PDFDocument['context'], k: PDFObject | undefined): PDFRef[] {
  const resolved = k instanceof PDFRef ? context.lookup(k) : k;
  const items = resolved instanceof PDFArray ? resolved.asArray() : [k];
  return items.filter((v): v is PDFRef => v instanceof PDFRef);
}

/** The parts of a source's structure tree the pack takes over, or null when there is none to read. */
function readTree(src: PDFDocument): { k: PDFObject; entries: [number, PDFObject][]; roles: [string, PDFObject][]; next?: number } | null {
  try {
    const root = src.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
    const k = root?.get(name('K'));
    if (!root || !k) return null;
    return {
      k,
      entries: numberTreeEntries(src, root.lookupMaybe(name('ParentTree'), PDFDict)),
      roles: (root.lookupMaybe(name('RoleMap'), PDFDict)?.entries() ?? []).map(([key, value]) => [key.decodeText(), value]),
      next: root.lookupMaybe(name('ParentTreeNextKey'), PDFNumber)?.asNumber(),
    };
  } catch {
    return null;
  }
}

/** Entries of a number tree, leaves and intermediate nodes alike. */
function numberTreeEntries(doc: PDFDocument, node: PDFDict | undefined, depth = 0): [number, PDFObject][] {
  if (!node || depth > 32) return [];
  const entries: [number, PDFObject][] = [];
  const nums = node.lookupMaybe(name('Nums'), PDFArray);
  for (let i = 0; nums && i + 1 < nums.size(); i += 2) {
    const key = nums.lookup(i);
    if (key instanceof PDFNumber) entries.push([key.asNumber(), nums.get(i + 1)]);
  }
  for (const kid of node.lookupMaybe(name('Kids'), PDFArray)?.asArray() ?? []) {
    const child = doc.context.lookup(kid);
    if (child instanceof PDFDict) entries.push(...numberTreeEntries(doc, child, depth + 1));
  }
  return entries;
}

function shiftStructParents(page: PDFPage, base: number): void {
  const shift = (dict: PDFDict, key: string) => {
    const value = dict.get(name(key));
    if (value instanceof PDFNumber) dict.set(name(key), PDFNumber.of(value.asNumber() + base));
  };
  shift(page.node, 'StructParents');
  for (const annot of annotations(page)) shift(annot, 'StructParent');
  for (const form of formXObjects(page)) shift(form.dict, 'StructParents');
}

function removeStructParents(page: PDFPage): void {
  page.node.delete(name('StructParents'));
  for (const annot of annotations(page)) annot.delete(name('StructParent'));
  for (const form of formXObjects(page)) form.dict.delete(name('StructParents'));
}
