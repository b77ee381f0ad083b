/**
 * Marks content that is neither in the structure tree nor an artifact as an artifact (PDF/UA-1
 * 7.1, Matterhorn 01-005). Chromium tags what comes from the DOM's text and images, but leaves
 * its own page-margin boxes (our "Seite X von Y"), borders, rules, backgrounds and clip paths
 * outside any marked-content sequence — decoration a screen reader should skip, which is what an
 * artifact is.
 *
 * Works on the content stream's tokens, so strings, inline images and dictionaries never confuse
 * it, and inserts `/Artifact BMC … EMC` only at boundaries the PDF syntax allows: before a path
 * object starts (never inside one), around text-showing operators within a text object, and
 * never across BT/ET.
 */

/** Operators that start a path object (others continue it). */
const PATH_START = new Set(['m', 're']);
const PATH_PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
/** Operators that put something on the page on their own. */
const PAINT = new Set(['Do', 'sh', 'BI', 'Tj', 'TJ', "'", '"']);

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITER = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** One operator of a content stream with where its operands start (offset into the text). */
interface Operator {
  op: string;
  start: number;
  /** Offset just after the operator. */
  end: number;
  /** For BDC: the operands' text (tag and properties). */
  operands: string;
}

/** Splits a content stream (latin1 text) into operators; operands are only located, not parsed. */
export function* operators(text: string): Generator<Operator> {
  const n = text.length;
  let i = 0;
  let operandStart = -1;
  const begin = (at: number) => {
    if (operandStart < 0) operandStart = at;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (WHITESPACE.has(c)) {
      i++;
      continue;
    }
    if (c === 0x25) {
      // Comment to the end of the line.
      while (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
      continue;
    }
    if (c === 0x28) {
      begin(i);
      i = skipLiteralString(text, i);
      continue;
    }
    if (c === 0x3c && text.charCodeAt(i + 1) !== 0x3c) {
      begin(i);
      const close = text.indexOf('>', i);
      i = close < 0 ? n : close + 1;
      continue;
    }
    if (c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) {
      // Dictionary and array brackets: operands; their contents are tokens like any other.
      begin(i);
      i += c === 0x3c || c === 0x3e ? 2 : 1;
      continue;
    }
    if (c === 0x2f) {
      begin(i);
      i++;
      while (i < n && !WHITESPACE.has(text.charCodeAt(i)) && !DELIMITER.has(text.charCodeAt(i))) i++;
      continue;
    }
    // A regular token: a number, true/false/null, or an operator.
    const tokenStart = i;
    while (i < n && !WHITESPACE.has(text.charCodeAt(i)) && !DELIMITER.has(text.charCodeAt(i))) i++;
    const token = text.slice(tokenStart, i);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token) || token === 'true' || token === 'false' || token === 'null') {
      begin(tokenStart);
      continue;
    }
    const start = operandStart < 0 ? tokenStart : operandStart;
    if (token === 'ID') {
      // Inline image data runs up to "EI" standing alone; the whole BI…EI is one painting object.
      const ei = findInlineImageEnd(text, i);
      yield { op: 'EI', start, end: ei, operands: '' };
      i = ei;
    } else {
      yield { op: token, start, end: i, operands: token === 'BDC' ? text.slice(start, tokenStart) : '' };
    }
    operandStart = -1;
  }
}

function skipLiteralString(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return i + 1;
  }
  return text.length;
}

function findInlineImageEnd(text: string, from: number): number {
  let at = from;
  for (;;) {
    const found = text.indexOf('EI', at);
    if (found < 0) return text.length;
    const before = text.charCodeAt(found - 1);
    const after = text.charCodeAt(found + 2);
    if (WHITESPACE.has(before) && (Number.isNaN(after) || WHITESPACE.has(after))) return found + 2;
    at = found + 2;
  }
}

/**
 * Whether a BDC's content is accounted for: tagged (an MCID), an artifact, or — for a property
 * list named by resource, which we do not look up — assumed tagged unless it is optional content.
 */
function coversContent(operands: string): boolean {
  const tag = /^\s*\/([^\s/<[(]+)/.exec(operands)?.[1];
  if (tag === 'Artifact' || /\/MCID\b/.test(operands)) return true;
  return tag !== 'OC' && /^\s*\/[^\s/<[(]+\s*\/[^\s/<[(]+\s*$/.test(operands);
}

/**
 * The stream with every piece of untagged content wrapped as an artifact, or null when nothing
 * needed wrapping (the caller then keeps the stream as it is).
 */
export function wrapUntaggedContent(text: string): string | null {
  const inserts: [number, string][] = [];
  /** Per open marked-content sequence: whether its content counts as tagged or artifact. */
  const covered: boolean[] = [];
  let inText = false;
  let inPath = false;
  /** Depth of the marked-content stack at which our artifact is open, or -1. */
  let artifactDepth = -1;
  /** The BBI operator's start: an inline image paints at EI but must be wrapped from BI on. */
  let inlineImageStart = -1;

  const isCovered = () => covered.length > 0 && covered[covered.length - 1]!;
  const open = (at: number) => {
    if (artifactDepth >= 0 || isCovered()) return;
    inserts.push([at, '/Artifact BMC\n']);
    artifactDepth = covered.length;
  };
  const close = (at: number) => {
    if (artifactDepth < 0) return;
    inserts.push([at, '\nEMC\n']);
    artifactDepth = -1;
  };

  for (const { op, start, end, operands } of operators(text)) {
    if (op === 'BDC' || op === 'BMC') {
      close(start);
      const tagged = op === 'BDC' ? coversContent(operands) : text.slice(start, end).trimStart().startsWith('/Artifact');
      covered.push(isCovered() || tagged);
      continue;
    }
    if (op === 'EMC') {
      if (artifactDepth === covered.length) close(start);
      covered.pop();
      continue;
    }
    if (op === 'BT') {
      close(start);
      inText = true;
      continue;
    }
    if (op === 'ET') {
      close(start);
      inText = false;
      continue;
    }
    if (op === 'BI') {
      inlineImageStart = start;
      continue;
    }
    if (op === 'EI') {
      open(inlineImageStart >= 0 ? inlineImageStart : start);
      inlineImageStart = -1;
      continue;
    }
    if (!inText && PATH_START.has(op) && !inPath) {
      inPath = true;
      open(start);
      continue;
    }
    if (PATH_PAINT.has(op)) {
      inPath = false;
      continue;
    }
    if (PAINT.has(op)) open(start);
  }
  if (artifactDepth >= 0) inserts.push([text.length, '\nEMC\n']);
  if (inserts.length === 0) return null;

  const parts: string[] = [];
  let last = 0;
  for (const [at, insert] of inserts) {
    parts.push(text.slice(last, at), insert);
    last = at;
  }
  parts.push(text.slice(last));
  return parts.join('');
}
