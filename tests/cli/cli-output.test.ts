/** What the CLI prints for people: German words and forms, never the internal keys behind them. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docToPlainText } from '../../electron/shared/plain-text.js';
import { markdownToDoc } from '../../electron/core/document/markdown.js';
import { AUDIT_ACTION_LABELS } from '../../electron/shared/audit-labels.js';
import { cli } from '../helpers/cli.js';
import { tempApp } from '../helpers/temp-app.js';

const year = new Date().getFullYear();

/** Every action string the core passes to audit(…) or recordExport. */
function recordedActions(): Set<string> {
  const actions = new Set<string>(['export']);
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/\baudit\(\s*\w+,\s*'([^']+)'/g)) actions.add(m[1]!);
    }
  };
  walk(path.join(import.meta.dirname, '..', '..', 'electron', 'core'));
  return actions;
}

describe('CLI output', () => {
  it('every audit action the core records has a German label', () => {
    const actions = recordedActions();
    expect(actions.size).toBeGreaterThan(15);
    expect([...actions].filter((a) => !(a in AUDIT_ACTION_LABELS))).toEqual([]);
  });

  it('vorlage history, vorlage show and template list show labels, not keys', async () => {
    const t = await tempApp({ demo: true });
    await t.close();
    const ref = `50/001/${year}`;
    const history = cli(t.dir, 'vorlage', 'history', ref);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\s+\S+\s+Vorlage angelegt/);
    const show = cli(t.dir, 'vorlage', 'show', ref);
    expect(show.stdout).toContain('Vorlagenart: Sachstandsbericht Kommunales Integrationsmanagement,');
    const templates = cli(t.dir, 'template', 'list');
    expect(templates.stdout).toMatch(/beschlussvorlage\s+Beschlussvorlage\s+Entscheidung\s+mitgeliefert/);
    for (const out of [history.stdout, show.stdout, templates.stdout]) {
      expect(out).not.toMatch(/vorlage\.erstellt|Vorlagenart: sachstandsbericht|\bkenntnisnahme\b|\bentscheidung\b/);
    }
  });

  it('vorlage diff says "1 Wort" for one word', async () => {
    const t = await tempApp({ demo: true });
    // A Vorlage of the demo still in Mitzeichnung: released ones are read-only.
    const paper = await t.call('vorlagen.get', { ref: (await t.app.store.papers.byKey('ehrenamt'))!.id });
    const changed = markdownToDoc(`${docToPlainText(paper.sections.erlaeuterungen!)} Zusätzlich`);
    await t.call('vorlagen.save', { id: paper.id, sections: { ...paper.sections, erlaeuterungen: changed } });
    await t.close();
    const r = cli(t.dir, 'vorlage', 'diff', paper.reference, '--from', '1', '--to', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 Wort eingefügt, 0 Wörter gelöscht.');
    expect(r.stdout).toContain('{+ Zusätzlich+}');
  });
});
