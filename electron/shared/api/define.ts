import type { z } from 'zod';
import type { Role } from '../roles.js';

/** One API method: strict input and output schemas; the only description of its shape. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Emits progress events (step, done, total) while it runs. */
  progress?: boolean;
  /** Changes data; the web server and IPC may treat reads and writes differently. */
  mutates?: boolean;
  /** Who may call it on the team server; without it the feature's default for reads or writes applies. */
  roles?: readonly Role[];
}

/** The roles a feature grants when a method does not name its own. */
export interface FeatureRoles {
  read: readonly Role[];
  write: readonly Role[];
}

export type WithRoles<T extends Record<string, MethodDef>> = { [K in keyof T]: T[K] & { roles: readonly Role[] } };

/** Declares a feature's methods; every method leaves with the roles it needs (its own or the feature's default). */
export const defineMethods = <T extends Record<string, MethodDef>>(methods: T, defaults: FeatureRoles): WithRoles<T> => {
  const out: Record<string, MethodDef> = {};
  for (const [name, def] of Object.entries(methods)) out[name] = { ...def, roles: def.roles ?? (def.mutates ? defaults.write : defaults.read) };
  return out as WithRoles<T>;
};
