import type { ListNumbering } from '../../shared/schemas.js';

/**
 * Numbered lists as the Körperschaft prints them (issue 14.5), one definition for the HTML/PDF
 * and the DOCX renderers so both number alike. The setting decides the first level; deeper
 * levels step on as German documents do ("1." → "a)" → "i."). A list the author wrote "1)"
 * (document model: delimiter ")") is printed "1)" whatever the setting.
 */
export type ListFormat = 'decimal' | 'lower-alpha' | 'lower-roman';
export interface ListLevel {
  format: ListFormat;
  suffix: '.' | ')';
}

export const DEFAULT_LIST_NUMBERING: ListNumbering = '1.';

const LEVELS: Record<ListNumbering, readonly ListLevel[]> = {
  '1.': [
    { format: 'decimal', suffix: '.' },
    { format: 'lower-alpha', suffix: ')' },
    { format: 'lower-roman', suffix: '.' },
  ],
  '1)': [
    { format: 'decimal', suffix: ')' },
    { format: 'lower-alpha', suffix: ')' },
    { format: 'lower-roman', suffix: ')' },
  ],
  'a)': [
    { format: 'lower-alpha', suffix: ')' },
    { format: 'decimal', suffix: '.' },
    { format: 'lower-roman', suffix: '.' },
  ],
};

/** The marker of a numbered list at `depth` (0 = outermost list, counting bullet lists too). */
export function listLevel(style: ListNumbering | undefined, depth: number, delimiter?: ')'): ListLevel {
  if (delimiter === ')') return { format: 'decimal', suffix: ')' };
  return LEVELS[style ?? DEFAULT_LIST_NUMBERING][depth % 3]!;
}

const counterStyleName = (l: ListLevel) => `vw-${l.format}-${l.suffix === '.' ? 'dot' : 'paren'}`;

/**
 * CSS for the printed documents: counter styles with the suffix ("1)" is not a list-style-type
 * of its own), the levels of the setting, and explicit "1)" lists.
 */
export function listNumberingCss(style: ListNumbering | undefined): string {
  const all: ListLevel[] = (['decimal', 'lower-alpha', 'lower-roman'] as const).flatMap((format) => [
    { format, suffix: '.' as const },
    { format, suffix: ')' as const },
  ]);
  const counters = all.map((l) => `@counter-style ${counterStyleName(l)} { system: extends ${l.format}; suffix: "${l.suffix} "; }`);
  const nested = [0, 1, 2].map((depth) => `${':is(ul, ol) '.repeat(depth)}ol { list-style-type: ${counterStyleName(listLevel(style, depth))}; }`);
  return [...counters, ...nested, `ol.delimiter-paren { list-style-type: ${counterStyleName(listLevel(style, 0, ')'))}; }`].join('\n');
}
