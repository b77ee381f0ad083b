import { z } from 'zod';
import { invalid, type ApiError } from './errors.js';

/**
 * German messages for every zod check, set once for the whole process (core, CLI, server,
 * renderer): no English zod text reaches a user, whichever parse produced it (API input,
 * bundle, templates, documents). Messages a schema states itself ("darf nicht leer sein") win;
 * codes without a wording of ours get zod's own German locale.
 */
const TYPE_NAMES: Record<string, string> = {
  string: 'Text',
  number: 'Zahl',
  int: 'ganze Zahl',
  boolean: 'ja/nein (true/false)',
  object: 'Objekt',
  array: 'Liste',
  null: 'null',
  undefined: 'nichts',
  date: 'Datum',
  bigint: 'Zahl',
};
const typeName = (t: string | undefined) => (t ? (TYPE_NAMES[t] ?? t) : 'anderer Typ');

export function germanZodMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'fehlt' : `falscher Typ (erwartet: ${typeName(issue.expected)})`;
    case 'too_big':
      if (issue.origin === 'string') return `zu lang (höchstens ${issue.maximum} Zeichen)`;
      if (issue.origin === 'array') return `zu viele Einträge (höchstens ${issue.maximum})`;
      return `zu groß (höchstens ${issue.maximum})`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'darf nicht leer sein' : `zu kurz (mindestens ${issue.minimum} Zeichen)`;
      if (issue.origin === 'array') return `zu wenige Einträge (mindestens ${issue.minimum})`;
      return `zu klein (mindestens ${issue.minimum})`;
    case 'unrecognized_keys':
      return `unbekannte Felder: ${issue.keys.slice(0, 5).join(', ')}`;
    case 'invalid_value':
      return `unzulässiger Wert (erlaubt: ${issue.values.slice(0, 6).map(String).join(', ')})`;
    case 'invalid_union': {
      // A limit that one alternative names (a document too deep) says more than "not allowed".
      const named = issue.errors.flat().find((i) => i.code === 'custom' && i.path.length === 0);
      if (named) return named.message;
      // The alternative of the right type (a document, not Markdown) names what is wrong in it.
      const fitting = issue.errors.filter((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
      const first = fitting.length === 1 ? fitting[0]![0] : undefined;
      return first ? [first.path.join('.'), first.message].filter(Boolean).join(': ') : 'unzulässiger Wert';
    }
    case 'invalid_format':
      return issue.format === 'regex' ? 'ungültiges Format' : `ungültiges Format (${issue.format})`;
    case 'not_multiple_of':
      return `muss ein Vielfaches von ${issue.divisor} sein`;
    case 'invalid_key':
      return 'unzulässiger Schlüssel';
    case 'invalid_element':
      return 'unzulässiger Eintrag';
    case 'custom':
      return 'ungültig';
    default:
      return undefined;
  }
}

z.config({ ...z.locales.de(), customError: germanZodMessage });

/** Turns zod issues into a German message naming the fields (each issue's message is German, see above). */
export function fromZodError(error: z.ZodError, prefix = 'Ungültige Eingabe'): ApiError {
  const fields = error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(Eingabe)',
    message: issue.message,
  }));
  const summary = fields
    .slice(0, 3)
    .map((f) => `${f.path}: ${f.message}`)
    .join('; ');
  return invalid(`${prefix}: ${summary}${fields.length > 3 ? ' …' : ''}`, fields);
}
