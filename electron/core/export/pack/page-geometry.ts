/** PDF matrix [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The page as the reader sees it: width/height after /Rotate, and the matrix from this upright
 * "visual" space (origin bottom-left of the visible box) into the page's user space. Stamps are
 * written in visual space, so they sit at the visual top/bottom on rotated pages too.
 */
export interface VisualFrame {
  width: number;
  height: number;
  toUser: Matrix;
}

export function visualFrame(box: Box, rotation: number): VisualFrame {
  const { x, y, width: w, height: h } = box;
  switch (normalizeRotation(rotation)) {
    case 90:
      return { width: h, height: w, toUser: [0, 1, -1, 0, x + w, y] };
    case 180:
      return { width: w, height: h, toUser: [-1, 0, 0, -1, x + w, y + h] };
    case 270:
      return { width: h, height: w, toUser: [0, -1, 1, 0, x, y + h] };
    default:
      return { width: w, height: h, toUser: [1, 0, 0, 1, x, y] };
  }
}

export function normalizeRotation(rotation: number): 0 | 90 | 180 | 270 {
  const r = (((Math.round(rotation / 90) * 90) % 360) + 360) % 360;
  return r as 0 | 90 | 180 | 270;
}

/** Applies `first`, then `second` (PDF row-vector order: first × second). */
export function multiply(first: Matrix, second: Matrix): Matrix {
  const [a1, b1, c1, d1, e1, f1] = first;
  const [a2, b2, c2, d2, e2, f2] = second;
  return [
    a1 * a2 + b1 * c2,
    a1 * b2 + b1 * d2,
    c1 * a2 + d1 * c2,
    c1 * b2 + d1 * d2,
    e1 * a2 + f1 * c2 + e2,
    e1 * b2 + f1 * d2 + f2,
  ];
}

export function invert(m: Matrix): Matrix {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/**
 * Shrinks a page's content (uniformly, centred) so it leaves free bands at the visual top and
 * bottom for the stamps. Returned in user space, to be prepended to the page's content.
 * Identity when the bands are zero.
 */
export function fitBetweenBands(frame: VisualFrame, top: number, bottom: number): Matrix {
  const available = frame.height - top - bottom;
  const scale = Math.min(1, available / frame.height);
  if (scale >= 1) return IDENTITY;
  const tx = (frame.width - scale * frame.width) / 2;
  const ty = bottom + (available - scale * frame.height) / 2;
  const visual: Matrix = [scale, 0, 0, scale, tx, ty];
  // user → visual → scaled visual → user
  return multiply(multiply(invert(frame.toUser), visual), frame.toUser);
}

export function formatMatrix(m: Matrix): string {
  return m.map(num).join(' ');
}

/** Compact number for content streams: at most 3 decimals, no exponent. */
export function num(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
