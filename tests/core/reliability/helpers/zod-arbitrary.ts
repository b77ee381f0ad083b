import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries derived from the contract's zod schemas (zod 4 definitions):
 * `validish` follows the shape, types, lengths and ranges of a schema (refinements such as "no
 * control characters" are not modelled, so some values still fail — the fuzz test classifies
 * every input with the schema itself); `malformed` breaks one thing about such a value.
 */

export interface SchemaArbitraryOptions {
  /** Ids that exist in the database (most generated ids should hit something). */
  ids: number[];
  /** Strings that mean something to the app: Vorlage numbers, committee names, template keys … */
  words: string[];
  /** Recursion depth for lazy (document) schemas. */
  maxDepth?: number;
}

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
type Check = { check: string; format?: string; value?: number; inclusive?: boolean; minimum?: number; maximum?: number; pattern?: RegExp };
const checksOf = (def: Def): Check[] => ((def.checks as { _zod: { def: Check } }[] | undefined) ?? []).map((c) => c._zod.def);

export function validish(schema: z.ZodType, options: SchemaArbitraryOptions, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const maxDepth = options.maxDepth ?? 5;
  const atLimit = depth >= maxDepth;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const required: string[] = [];
      for (const [key, value] of Object.entries(shape)) {
        const inner = defOf(value);
        const optional = inner.type === 'optional' || inner.type === 'default';
        model[key] = validish(optional ? (inner.innerType as z.ZodType) : value, options, depth + 1);
        if (!optional) required.push(key);
      }
      return fc.record(model, { requiredKeys: required });
    }
    case 'string': {
      const checks = checksOf(def);
      const min = Math.max(0, ...checks.filter((c) => c.check === 'min_length').map((c) => c.minimum!));
      const max = Math.min(1_000_000, ...checks.filter((c) => c.check === 'max_length').map((c) => c.maximum!));
      const pattern = checks.find((c) => c.check === 'string_format' && c.pattern)?.pattern;
      const fit = (s: string) => s.length >= min && s.length <= max;
      // Filters over a fixed list loop forever when nothing fits: pick from the fitting ones only.
      const known = options.words.filter((w) => fit(w) && (!pattern || pattern.test(w)));
      if (pattern) return known.length ? fc.oneof(fc.stringMatching(pattern).filter(fit), fc.constantFrom(...known)) : fc.stringMatching(pattern).filter(fit);
      if (!known.length) return fc.string({ minLength: min, maxLength: Math.min(max, Math.max(min, 30)) });
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...known) },
        { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, Math.max(min, 30)) }) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, Math.max(min, 20)) }) },
      );
    }
    case 'number': {
      const checks = checksOf(def);
      const isInt = checks.some((c) => c.check === 'number_format');
      const lower = checks.filter((c) => c.check === 'greater_than').map((c) => (c.inclusive ? c.value! : c.value! + (isInt ? 1 : Number.EPSILON)));
      const upper = checks.filter((c) => c.check === 'less_than').map((c) => (c.inclusive ? c.value! : c.value! - (isInt ? 1 : Number.EPSILON)));
      const min = lower.length ? Math.max(...lower) : -(2 ** 31);
      const max = upper.length ? Math.min(...upper) : 2 ** 31;
      // An id: mostly one that exists, sometimes one that does not.
      if (isInt && min >= 1 && max >= Number.MAX_SAFE_INTEGER - 1) {
        return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...options.ids) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 ** 31 }) }, { weight: 1, arbitrary: fc.constant(Number.MAX_SAFE_INTEGER) });
      }
      if (isInt) return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) });
      return fc.double({ min: Math.max(min, -1e9), max: Math.min(max, 1e9), noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'null':
      return fc.constant(null);
    case 'undefined':
      return fc.constant(undefined);
    case 'union': {
      const opts = def.options as z.ZodType[];
      // At the depth limit, the first option (for document blocks: the paragraph) ends recursion.
      return atLimit ? validish(opts[0]!, options, depth + 1) : fc.oneof(...opts.map((o) => validish(o, options, depth + 1)));
    }
    case 'nullable':
      return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: validish(def.innerType as z.ZodType, options, depth + 1) });
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return validish(def.innerType as z.ZodType, options, depth + 1);
    case 'array': {
      const checks = checksOf(def);
      const min = Math.max(0, ...checks.filter((c) => c.check === 'min_length').map((c) => c.minimum!));
      const max = Math.min(...checks.filter((c) => c.check === 'max_length').map((c) => c.maximum!), 1_000_000);
      const element = validish(def.element as z.ZodType, options, depth + 1);
      return fc.array(element, { minLength: min, maxLength: atLimit ? min : Math.min(max, Math.max(min, 3)) });
    }
    case 'record':
      return fc.dictionary(
        validish(def.keyType as z.ZodType, options, depth + 1) as fc.Arbitrary<string>,
        validish(def.valueType as z.ZodType, options, depth + 1),
        { maxKeys: atLimit ? 0 : 3 },
      );
    case 'lazy':
      return validish((def.getter as () => z.ZodType)(), options, depth + 1);
    case 'pipe':
      return validish(def.in as z.ZodType, options, depth);
    case 'never':
      return fc.constant(undefined);
    default:
      // unknown, any, transform and what the contract does not use: anything goes.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values a transport can carry: JSON over HTTP, structured clone over IPC. */
export const anyTransportable = () =>
  fc.anything({
    maxDepth: 3,
    maxKeys: 5,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
    withBoxedValues: true,
    key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty')),
  });

/** Every place inside a value where something could be swapped: [] is the value itself. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (out.length > 200) return out;
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

const clone = (v: unknown): unknown => (v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as unknown));

function setAt(root: unknown, path: (string | number)[], make: (old: unknown) => unknown): unknown {
  if (path.length === 0) return make(root);
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  node[last] = make(node[last]);
  return root;
}

/** An own property named __proto__ (what JSON.parse produces), not a prototype change. */
function withOwnKey(target: unknown, key: string, value: unknown): unknown {
  if (!target || typeof target !== 'object' || Array.isArray(target)) return target;
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

type Mutation = (value: unknown, pick: number, noise: unknown, size: number) => unknown;
const POLLUTION = { polluted: 'ja', isAdmin: true, toString: 'kaputt' };
const objectPaths = (v: unknown) => paths(v).filter((p) => {
  let node: unknown = v;
  for (const k of p) node = (node as Record<string | number, unknown>)[k];
  return !!node && typeof node === 'object' && !Array.isArray(node);
});
const stringPaths = (v: unknown) => paths(v).filter((p) => {
  let node: unknown = v;
  for (const k of p) node = (node as Record<string | number, unknown>)[k];
  return typeof node === 'string';
});
const at = <T>(list: T[], pick: number): T | undefined => (list.length ? list[pick % list.length] : undefined);

export const MUTATIONS: Record<string, Mutation> = {
  unknownKey: (v, pick, _n, size) => {
    const p = at(objectPaths(v), pick);
    return p ? setAt(v, p, (o) => ({ ...(o as object), [`feld${size}`]: 1 })) : { feld: 1 };
  },
  protoKey: (v, pick) => {
    const p = at(objectPaths(v), pick) ?? [];
    return setAt(v, p, (o) => withOwnKey(o, '__proto__', { ...POLLUTION }));
  },
  constructorKey: (v, pick) => {
    const p = at(objectPaths(v), pick) ?? [];
    return setAt(v, p, (o) => withOwnKey(withOwnKey(o, 'constructor', { prototype: { ...POLLUTION } }), 'prototype', { ...POLLUTION }));
  },
  dropKey: (v, pick) => {
    const p = at(objectPaths(v).flatMap((o) => Object.keys(o.reduce<Record<string, unknown>>((n, k) => n[k] as Record<string, unknown>, v as Record<string, unknown>)).map((k) => [...o, k])), pick);
    if (!p) return v;
    const parent = p.slice(0, -1).reduce<Record<string | number, unknown>>((n, k) => n[k] as Record<string | number, unknown>, v as Record<string | number, unknown>);
    delete parent[p.at(-1)!];
    return v;
  },
  wrongType: (v, pick, noise) => {
    const p = at(paths(v), pick) ?? [];
    return setAt(v, p, () => noise);
  },
  oversize: (v, pick, _n, size) => {
    const p = at(stringPaths(v), pick);
    const long = 'Ü'.repeat([1_001, 20_001, 100_000, 1_000_000][size % 4]!);
    return p ? setAt(v, p, () => long) : setAt(v, at(paths(v), pick) ?? [], () => long);
  },
  controlChars: (v, pick, _n, size) => {
    const bad = ['\u0000', '\u0007', '\u001b[31m', '\u202e', '\ud800', '\r\n\u0000'][size % 6]!;
    const p = at(stringPaths(v), pick);
    return p ? setAt(v, p, (s) => `${String(s)}${bad}`) : v;
  },
  numberEdge: (v, pick, _n, size) => {
    const edge = [Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 0.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31][size % 9];
    return setAt(v, at(paths(v), pick) ?? [], () => edge);
  },
  deepNesting: (v, pick, _n, size) => {
    let deep: unknown = 'Boden';
    for (let i = 0; i < 500 + (size % 5) * 1000; i++) deep = size % 2 ? [deep] : { content: deep };
    return setAt(v, at(paths(v), pick) ?? [], () => deep);
  },
  notAnObject: (v, _pick, noise, size) => [[v], 'Vorlage', 42, null, true, noise][size % 6],
};

/** A value of roughly the right shape (from `base`) with exactly one thing wrong. */
export function malformed(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(base, fc.constantFrom(...Object.keys(MUTATIONS)), fc.nat(), anyTransportable(), fc.nat({ max: 1000 }))
    .map(([value, mutation, pick, noise, size]) => MUTATIONS[mutation]!(clone(value), pick, noise, size));
}
