import { z } from 'zod';
// German zod messages everywhere these schemas are parsed.
import './zod-german.js';
import { ERROR_CODES, invalid, type ApiError } from './errors.js';

export const ErrorCodeSchema = z.enum(ERROR_CODES);

/** Turns zod issues into a German message naming the fields. */
export function fromZodError(error: z.ZodError, prefix = 'Ungültige Eingabe'): ApiError {
  const fields = error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(Eingabe)',
    message: germanIssue(issue),
  }));
  const summary = fields
    .slice(0, 3)
    .map((f) => `${f.path}: ${f.message}`)
    .join('; ');
  return invalid(`${prefix}: ${summary}${fields.length > 3 ? ' …' : ''}`, fields);
}

/** The issue's message: German, from the schema itself or from the error map in zod-german.ts. */
function germanIssue(issue: z.core.$ZodIssue): string {
  return issue.message;
}
