import type { ParseArgsConfig } from 'node:util';
import type { MethodName, MethodOutput } from '../shared/contract.js';
import type { AppContext } from '../core/app-context.js';
import type { DispatchOptions } from '../core/api/dispatcher.js';

export interface CliContext {
  app: AppContext;
  call<M extends MethodName>(method: M, params: unknown, options?: DispatchOptions): Promise<MethodOutput<M>>;
  json: boolean;
  out(text: string): void;
  /** Progress line on a TTY (overwritten in place); silent otherwise. */
  progress(text: string): void;
  /** Ends the run with this exit code after printing the result (e.g. 1 when `check` finds damage). */
  fail(code: number): void;
  /** Everything on standard input (passwords: never as an argument). */
  stdin(): Promise<string>;
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

export interface Command {
  /** Words that select the command, e.g. "vorlage list". */
  name: string;
  summary: string;
  /** Argument synopsis after the name, e.g. "REF --format docx|pdf|html --out F". */
  usage?: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Number of positional arguments allowed: exact, or [min, max]. */
  positionals?: number | [number, number];
  run(ctx: CliContext, args: ParsedArgs): Promise<unknown>;
  /** Human-readable output; without it the result is printed as JSON. */
  print?(result: never, ctx: CliContext): void;
}

/** Wrong words on the command line: exit code 2. */
export class UsageError extends Error {}

export const defineCommands = (commands: Command[]) => commands;

export function requireOption(args: ParsedArgs, name: string): string {
  const v = args.values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`Die Option --${name} fehlt.`);
  return v;
}

export function intArg(value: string, what: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${what} muss eine Zahl sein: ${value}`);
  return Number(value);
}

/** One of an enum's values, given by its label map (shared/labels.ts); otherwise a usage error. */
export function oneOf<K extends string>(labels: Readonly<Record<K, string>>, value: string, refusal: (possible: string) => string): K {
  if (Object.hasOwn(labels, value)) return value as K;
  throw new UsageError(refusal(Object.keys(labels).join(', ')));
}

/** A Vorlage as the CLI accepts it: its id (digits only) or its number (50/012/2025). */
export const paperRef = (ref: string) => (/^\d+$/.test(ref) ? Number(ref) : ref);
