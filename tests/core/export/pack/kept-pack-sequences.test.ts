import fc from 'fast-check';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { assemblePack } from '../../../../electron/core/export/pack/assemble.js';
import { PackMemory } from '../../../../electron/core/export/pack/kept-pack.js';
import { partLinkName, type PackHooks, type PackJob, type PackPart } from '../../../../electron/core/export/pack/types.js';
import { checkArchival } from '../pdf/archival-checker.js';
import { pdfInfo, pdfPagesText } from '../pdf/pdf-tools.js';
import { jpeg, png, simplePdf, withDestinations } from './fixtures.js';
import { readOutline } from './outline-reader.js';
import { indirectContents, linksOnPages, objectGraph, taggedWithOwnRole } from './kept-pack-fixtures.js';

/**
 * Issue 16.7, fuzzed (fast-check): sequences of packs through one reusing memory, each pack a
 * random choice and order of sources and Anlagen of every kind the engine treats differently
 * (a print cut into two parts among them, and one of those parts printed alone), delivered at
 * once or later through the hook, with a random page label, bookmarks and properties. Every pack must read exactly like the same
 * pack built afresh, and hold neither an object nothing reaches nor a reference to a missing one.
 * Runs: VW_FUZZ_RUNS scales them (default 10 000 → 20 sequences); VW_FUZZ_SEED repeats.
 */
const TOTAL = Number(process.env.VW_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.VW_FUZZ_SEED ?? Date.now() % 2 ** 31);
const SEQUENCES = Math.max(5, Math.round(TOTAL / 500));

type Pool = Record<string, { kind: 'rendered' | 'attachment'; bytes: Uint8Array }>;
let pool: Pool;

/** A rendered page with a link to another part of the pack (as the Tagesordnung has them), by a GoTo action. */
async function directory(target: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await simplePdf('Verzeichnis', 1, undefined, true));
  const action = doc.context.obj({ S: 'GoTo', D: PDFString.of(partLinkName(target)) });
  doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [40, 700, 200, 720], A: action }))]));
  return doc.save();
}

beforeAll(async () => {
  const times = await PDFDocument.create();
  const font = await times.embedFont(StandardFonts.TimesRoman);
  times.addPage().drawText('Satzung in Times', { x: 50, y: 700, size: 12, font });
  pool = {
    'vorlage-a': { kind: 'rendered', bytes: await simplePdf('Vorlage A', 2, undefined, true) },
    'vorlage-b': { kind: 'rendered', bytes: await taggedWithOwnRole('Vorlage B', 'Absatzrolle') },
    verzeichnis: { kind: 'rendered', bytes: await directory('plain') },
    plain: { kind: 'attachment', bytes: await simplePdf('Schlicht', 1) },
    letter: { kind: 'attachment', bytes: await simplePdf('US Letter', 1, [612, 792]) },
    times: { kind: 'attachment', bytes: await times.save() },
    indirect: { kind: 'attachment', bytes: await indirectContents('Indirekt') },
    png: { kind: 'attachment', bytes: png(60, 40) },
    jpeg: { kind: 'attachment', bytes: await jpeg('Foto') },
    broken: { kind: 'attachment', bytes: new Uint8Array() },
    rolle: { kind: 'attachment', bytes: await taggedWithOwnRole('Eigene Rolle', 'KanarieRolle') },
    // One print holding two parts, cut at named destinations, as the Vorlagen print in batches;
    // and the first of them printed alone, as after a change (the same part id, another source).
    batch: { kind: 'rendered', bytes: await withDestinations(await simplePdf('Stapel', 3, undefined, true), { 'teil-1': 0, 'teil-2': 2 }) },
    'v1-alone': { kind: 'rendered', bytes: await simplePdf('Teil 1 allein', 1, undefined, true) },
  };
});

interface PackSpec {
  ids: string[];
  label: string;
  outline: boolean;
  subject: boolean;
  /** Rendered sources delivered later through the hook, as the Vorlagen and the Tagesordnung are. */
  deferred: boolean;
}

function partsOf(id: string): PackPart[] {
  if (id === 'batch') return [1, 2].map((n) => ({ kind: 'rendered', id: `teil-${n}`, source: 'batch', destination: `teil-${n}` }));
  if (id === 'v1-alone') return [{ kind: 'rendered', id: 'teil-1', source: 'v1-alone' }];
  if (pool[id]!.kind === 'rendered') return [{ kind: 'rendered', id, source: id }];
  return [{ kind: 'attachment', id, title: `Anlage ${id}`, fileName: `${id}.pdf`, data: { bytes: pool[id]!.bytes.slice() }, stamp: `Anlage ${id} zu TOP 1` }];
}

function packOf(spec: PackSpec): { job: PackJob; hooks: PackHooks } {
  // A part id once only: the batch's first part and the same part printed alone exclude each other.
  const ids = spec.ids.includes('batch') ? spec.ids.filter((id) => id !== 'v1-alone') : spec.ids;
  const parts = ids.flatMap(partsOf);
  const rendered = ids.filter((id) => pool[id]!.kind === 'rendered');
  const job: PackJob = {
    sources: rendered.map((id) => (spec.deferred ? { id, deferred: true as const } : { id, bytes: pool[id]!.bytes.slice() })),
    parts,
    outline: spec.outline ? parts.map((p) => ({ title: `Teil ${p.id}`, part: p.id })) : [],
    metadata: { title: 'Mappe', ...(spec.subject ? { subject: 'Nichtöffentliche Sitzungsunterlagen' } : {}) },
    pageLabel: spec.label,
  };
  const hooks: PackHooks = spec.deferred ? { resolveDeferred: () => Object.fromEntries(rendered.map((id) => [id, Promise.resolve(pool[id]!.bytes.slice())])) } : {};
  return { job, hooks };
}

describe('sequences of packs through one reusing memory (issue 16.7, fuzzed)', () => {
  it('every pack reads like the same pack built afresh and carries nothing else', async () => {
    const ids = () => Object.keys(pool);
    const spec = fc.record({
      ids: fc.shuffledSubarray(ids(), { minLength: 1 }),
      // Mostly the same label: another one is another frame, which starts afresh.
      label: fc.oneof({ arbitrary: fc.constant('Seite {page} von {total}'), weight: 4 }, { arbitrary: fc.constant('Blatt {page}'), weight: 1 }),
      outline: fc.boolean(),
      subject: fc.boolean(),
      deferred: fc.boolean(),
    });
    let packs = 0;
    let reused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 2, maxLength: 4 }), async (sequence) => {
        const memory = new PackMemory();
        let frame: string | null = null;
        for (const step of sequence) {
          const built = packOf(step);
          const kept = await assemblePack(built.job, built.hooks, memory);
          const again = packOf(step);
          const fresh = await assemblePack(again.job, again.hooks);
          const swept = frame === step.label;
          frame = step.label;
          packs++;
          if (kept.reusedParts) reused += kept.reusedParts;
          expect(kept.pageCount).toBe(fresh.pageCount);
          expect(kept.parts).toEqual(fresh.parts);
          expect(kept.warnings).toEqual(fresh.warnings);
          expect(pdfPagesText(kept.bytes)).toEqual(pdfPagesText(fresh.bytes));
          const [keptDoc, freshDoc] = [await PDFDocument.load(kept.bytes), await PDFDocument.load(fresh.bytes)];
          expect(linksOnPages(keptDoc)).toEqual(linksOnPages(freshDoc));
          expect(readOutline(keptDoc)).toEqual(readOutline(freshDoc));
          expect(pdfInfo(kept.bytes).Subject).toEqual(pdfInfo(fresh.bytes).Subject);
          const [keptGraph, freshGraph] = [objectGraph(keptDoc), objectGraph(freshDoc)];
          expect(keptGraph.dangling).toBe(freshGraph.dangling);
          // A reused pack was swept; the first of a frame is built afresh like the other.
          expect(keptGraph.unreachable).toBe(swept ? 0 : freshGraph.unreachable);
          expect(await checkArchival(kept.bytes)).toEqual(await checkArchival(fresh.bytes));
        }
      }),
      { numRuns: SEQUENCES, seed: SEED, endOnFailure: true },
    );
    console.log(`[kept-pack-sequences] seed ${SEED}: ${SEQUENCES} sequences, ${packs} packs, ${reused} parts reused`);
    expect(reused).toBeGreaterThan(0);
  }, 30_000 + SEQUENCES * 3_000);
});
