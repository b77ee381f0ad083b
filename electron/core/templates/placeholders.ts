import type { Block, Doc, InlineNode } from '../../shared/document.js';

/**
 * Placeholders in template texts ("{{gremium.genitive}}"). Only template texts are expanded,
 * exactly once, in one pass: a value that itself contains "{{…}}" (a committee name typed by a
 * user, say) is inserted literally, and user-written section text is never expanded at all.
 */
export const PLACEHOLDERS = {
  'gremium.name': 'Name des Gremiums, z. B. „Ausschuss für Soziales und Integration“',
  'gremium.kurzname': 'Kurzname des Gremiums, z. B. „Sozialausschuss“',
  'gremium.genitive': 'Genitiv des Gremiums, z. B. „des Ausschusses für Soziales und Integration“',
  'sitzung.datum': 'Datum der Sitzung, z. B. „12.03.2025“',
  'sitzung.uhrzeit': 'Uhrzeit der Sitzung, z. B. „15:00 Uhr“',
  'sitzung.ort': 'Ort der Sitzung',
  jahr: 'Berichtsjahr, z. B. „2025“',
  vorjahr: 'Vorjahr des Berichtsjahres, z. B. „2024“',
  'amt.name': 'Name des Amtes',
  'amt.code': 'Kennung des Amtes, z. B. „50“',
  'amt.unterzeichnung': 'Funktion der unterzeichnenden Person, z. B. „(Leitung des Kommunalen Integrationszentrums)“',
  'koerperschaft.name': 'Name der Körperschaft, z. B. „Musterkreis“',
  'vorlage.nummer': 'Vorlagennummer, z. B. „50/012/2025“',
  'vorlage.betreff': 'Betreff der Vorlage',
} as const;

export type PlaceholderName = keyof typeof PLACEHOLDERS;
export type PlaceholderValues = Partial<Record<PlaceholderName, string | null>>;

export const isPlaceholderName = (name: string): name is PlaceholderName => Object.hasOwn(PLACEHOLDERS, name);

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export interface PlaceholderProblem {
  /** The offending text, e.g. "{{gremium.genitiv}}" or "{{". */
  token: string;
  message: string;
}

/** Problems with the placeholders in a template text: unknown names and unclosed braces. */
export function checkPlaceholders(text: string): PlaceholderProblem[] {
  const problems: PlaceholderProblem[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1]!;
    if (!isPlaceholderName(name)) {
      problems.push({
        token: m[0],
        message: `unbekannter Platzhalter „${m[0]}“ (erlaubt: ${Object.keys(PLACEHOLDERS).map((n) => `{{${n}}}`).join(', ')})`,
      });
    }
  }
  const rest = text.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) {
    problems.push({ token: '{{', message: 'nicht geschlossener Platzhalter („{{“ ohne passendes „}}“ oder umgekehrt)' });
  }
  return problems;
}

/**
 * Expands the placeholders of a template text in one pass. Missing values become `missing`
 * (default "…", a visible gap for the author to fill in). Unknown names are left as they are —
 * templates are checked at load time, so that does not happen for loaded templates.
 */
export function expandPlaceholders(text: string, values: PlaceholderValues, missing = '…'): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (!isPlaceholderName(name)) return whole;
    const value = values[name];
    return value === undefined || value === null || value === '' ? missing : value;
  });
}

/** Expands placeholders in every text node of a template's default document. */
export function expandPlaceholdersInDoc(doc: Doc, values: PlaceholderValues, missing = '…'): Doc {
  const inline = (nodes: InlineNode[] | undefined): InlineNode[] | undefined =>
    nodes
      ?.map((n) => (n.type === 'text' ? { ...n, text: expandPlaceholders(n.text, values, missing) } : n))
      .filter((n) => n.type !== 'text' || n.text.length > 0);
  const block = (b: Block): Block => {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        return b.content ? { ...b, content: inline(b.content) } : b;
      case 'bulletList':
      case 'orderedList':
        return { ...b, content: b.content.map((item) => ({ ...item, content: item.content.map(block) })) };
      case 'table':
        return {
          ...b,
          content: b.content.map((row) => ({
            ...row,
            content: row.content.map((cell) => ({ ...cell, content: cell.content.map(block) })),
          })),
        };
    }
  };
  return { type: 'doc', content: doc.content.map(block) };
}
