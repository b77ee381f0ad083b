import type { z } from 'zod';

/** One API method: strict input and output schemas; the only description of its shape. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Emits progress events (step, done, total) while it runs. */
  progress?: boolean;
  /** Changes data; the web server and IPC may treat reads and writes differently. */
  mutates?: boolean;
}

export const defineMethods = <T extends Record<string, MethodDef>>(methods: T): T => methods;
