import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBundle } from '../../../electron/core/bundle/import.js';
import { ApiError } from '../../../electron/shared/errors.js';
import { databaseFingerprint, tempApp, type TempApp } from '../../helpers/temp-app.js';

/**
 * Issue 15.10: the published bundle schema (docs/bundle.schema.json) and the importer agree.
 * Whatever the schema accepts imports (what deserves a look comes back as warnings, exit 0);
 * whatever the importer refuses the schema refuses — empty titles, control characters, lone
 * surrogates, too many paragraphs — and the importer's message is German.
 *
 * Rules between records (a key naming a missing Gremium, a key twice, a number already taken)
 * are beyond what a JSON Schema can state; the generated bundles keep those consistent, and the
 * importer's own tests (bundle.test.ts) cover them.
 */
const schema = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'docs', 'bundle.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ strict: false, allErrors: false }).compile(schema);

let t: TempApp;
let run = 0;
beforeAll(async () => {
  t = await tempApp();
});
afterAll(() => t?.close());

/** Strings around every single-field rule: empty, blank, control characters, surrogates, long. */
const tricky = fc.oneof(
  // Mostly plain text, so that whole bundles pass too; each field sometimes breaks one rule.
  { weight: 30, arbitrary: fc.constantFrom('Sprachförderung', 'Emoji 😀 ok', 'Amt 50 – Soziales', 'ﬁ Ligatur') },
  { weight: 2, arbitrary: fc.constantFrom('', '   ', 'a\u0000b', 'Zeile\numbruch', 'Tab\tTab', 'x\u2028y', '\ud800', 'x\udc00y', '\u00a0', 'ok\u0085') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.integer({ min: 190, max: 210 }).map((n) => 'x'.repeat(n)) },
);
const text = (s: string) => (s ? [{ type: 'text', text: s }] : []);
/** Link addresses on both sides of the rules of shared/link.ts (http, https, mailto; ≤ 2 000 characters; no control characters). */
const href = fc.constantFrom(
  'https://www.musterkreis.de/integration',
  'mailto:ki@musterkreis.de',
  'javascript:alert(1)',
  'ftp://musterkreis.de/datei',
  'https://muster\u0000kreis.de',
  `https://musterkreis.de/${'a'.repeat(1_990)}`,
  `https://musterkreis.de/${'a'.repeat(2_000)}`,
  '',
);
const linked = fc.tuple(tricky, href);
const docSection = fc.oneof(
  { weight: 4, arbitrary: tricky.map((s) => ({ type: 'doc', content: [{ type: 'paragraph', content: text(s) }] })) },
  { weight: 1, arbitrary: linked.map(([s, h]) => ({ type: 'doc', content: [{ type: 'paragraph', content: text(s).map((n) => ({ ...n, marks: [{ type: 'link', attrs: { href: h } }] })) }] })) },
  { weight: 1, arbitrary: fc.integer({ min: 4_998, max: 5_002 }).map((n) => ({ type: 'doc', content: Array.from({ length: n }, () => ({ type: 'paragraph', content: text('Absatz') })) })) },
);
const markdownSection = fc.oneof(
  { weight: 4, arbitrary: tricky },
  { weight: 1, arbitrary: linked.map(([s, h]) => `[${s}](${h})`) },
  { weight: 1, arbitrary: fc.integer({ min: 4_998, max: 5_002 }).map((n) => Array.from({ length: n }, (_, i) => `Absatz ${i}`).join('\n')) },
  { weight: 1, arbitrary: fc.integer({ min: 2_498, max: 2_502 }).map((n) => 'Absatz\n\n'.repeat(n)) },
);
const section = fc.oneof(docSection, markdownSection);

const generated = fc.record({
  departmentName: tricky,
  signatory: tricky,
  title: tricky,
  itemTitle: tricky,
  attachmentTitle: tricky,
  location: tricky,
  personName: tricky,
  template: fc.constantFrom('mitteilungsvorlage', 'beschlussvorlage', 'gibtsnicht'),
  sections: fc.dictionary(fc.constantFrom('vorbemerkungen', 'erlaeuterungen', 'fremd'), section, { maxKeys: 2 }),
  twice: fc.boolean(),
  endsBeforeStart: fc.boolean(),
});

/** A referentially consistent bundle around the generated values; keys are new in every run. */
function bundleOf(g: fc.Arbitrary<unknown> extends never ? never : typeof generated extends fc.Arbitrary<infer G> ? G : never) {
  const k = `r${++run}`;
  const paper = `${k}-vorlage`;
  return {
    format: 'vorlagenwerk-bundle',
    version: 1,
    body: { name: 'Musterkreis', numberPattern: '50/{nr:3}/{jahr}' },
    departments: [{ key: `${k}-amt`, code: '50', name: g.departmentName, signatory: g.signatory }],
    persons: [{ key: `${k}-person`, name: g.personName }],
    committees: [{ key: `${k}-gremium`, name: `Ausschuss ${k}`, shortName: `A ${k}`, genitive: `des Ausschusses ${k}` }],
    meetings: [
      {
        key: `${k}-sitzung`,
        committee: `${k}-gremium`,
        start: '2026-03-12T15:00',
        end: g.endsBeforeStart ? '2026-03-12T14:00' : '2026-03-12T17:00',
        location: g.location,
        agenda: [
          { title: g.itemTitle, paper },
          ...(g.twice ? [{ title: 'Noch einmal', paper }] : []),
        ],
      },
    ],
    papers: [
      {
        key: paper,
        department: `${k}-amt`,
        template: g.template,
        title: g.title,
        sections: g.sections,
        attachments: [{ title: g.attachmentTitle, file: 'anlage.pdf' }],
      },
    ],
  };
}

const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const readFile = () => pdf;

describe('bundle schema ⇔ importer (issue 15.10)', () => {
  it('accepts and refuses the same bundles; refusals are German', async () => {
    let accepted = 0;
    let refused = 0;
    const reasons = new Set<string>();
    await fc.assert(
      fc.asyncProperty(generated, async (g) => {
        const bundle = bundleOf(g);
        const schemaOk = validate(bundle) === true;
        let importOk = true;
        let message = '';
        try {
          await importBundle(t.app, bundle, readFile);
        } catch (error) {
          importOk = false;
          message = error instanceof Error ? error.message : String(error);
          expect(error).toBeInstanceOf(ApiError);
          // German, naming the field; never zod's English.
          expect(message).not.toMatch(/\b(Invalid|Expected|expected|Too (big|small)|received|Unrecognized)\b/);
        }
        if (schemaOk !== importOk) {
          throw new Error(`Schema ${schemaOk ? 'nimmt an' : 'lehnt ab'}, Import ${importOk ? 'nimmt an' : `lehnt ab: ${message}`} — ${JSON.stringify(g).slice(0, 400)}`);
        }
        if (importOk) accepted++;
        else {
          refused++;
          reasons.add(message.replace(/„[^“]*“/g, '„…“').slice(0, 140));
        }
      }),
      { numRuns: Number(process.env.VW_BUNDLE_RUNS ?? 150), ...(process.env.VW_FUZZ_SEED ? { seed: Number(process.env.VW_FUZZ_SEED) } : {}) },
    );
    console.log(`[bundle-agreement] ${accepted} angenommen, ${refused} abgelehnt; Gründe:\n  ${[...reasons].join('\n  ')}`);
    // Both sides of the property were exercised.
    expect(accepted).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  }, 600_000);

  it('what imports but deserves a look comes back as German warnings', async () => {
    const k = 'warn';
    const summary = await importBundle(
      t.app,
      {
        format: 'vorlagenwerk-bundle',
        version: 1,
        body: { name: 'Musterkreis', numberPattern: '50/{nr:3}/{jahr}' },
        departments: [{ key: `${k}-amt`, code: '50', name: 'Amt' }],
        committees: [{ key: `${k}-g`, name: 'Ausschuss Warnung', shortName: 'AW', genitive: 'des Ausschusses Warnung' }],
        meetings: [{ key: `${k}-s`, committee: `${k}-g`, start: '2026-03-12T15:00', end: '2026-03-12T14:00', agenda: [{ title: 'A', paper: `${k}-v` }, { title: 'B', paper: `${k}-v` }] }],
        papers: [
          { key: `${k}-v`, department: `${k}-amt`, template: 'mitteilungsvorlage', title: 'V', sections: { vorbemerkungen: 'Text', fremd: 'x' } },
          { key: `${k}-u`, department: `${k}-amt`, template: 'gibtsnicht', title: 'U' },
        ],
      },
      readFile,
    );
    expect(summary.warnings).toEqual([
      'Die Vorlage „warn-v“ hat Abschnitte, die die Vorlagenart „Mitteilungsvorlage“ nicht kennt: fremd.',
      'Bei der Vorlage „warn-v“ ist der Pflichtabschnitt „Erläuterungen“ leer.',
      'Die Vorlage „warn-u“ nennt die unbekannte Vorlagenart „gibtsnicht“; sie wurde so übernommen.',
      'Die Sitzung „warn-s“ endet (2026-03-12 14:00) vor ihrem Beginn (2026-03-12 15:00).',
      'Die Vorlage „warn-v“ steht mehrmals auf der Tagesordnung der Sitzung „warn-s“.',
    ]);
  });

  it('a lone surrogate is refused through the API too, never stored as "�"', async () => {
    const department = (await t.call('aemter.list', {}))[0]!;
    const before = await databaseFingerprint(t.app);
    const title = await t.dispatch('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: department.id, title: 'Sachstand \ud800' });
    expect(title).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('title: enthält ein ungültiges Zeichen (ein einzelnes UTF-16-Surrogat)') } });
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Text \udc00 Ende' }] }] };
    const section = await t.dispatch('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: department.id, title: 'Sachstand', sections: { vorbemerkungen: doc } });
    expect(section).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('ein einzelnes UTF-16-Surrogat') } });
    expect(await databaseFingerprint(t.app)).toBe(before);
  });
});
