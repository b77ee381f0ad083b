import { z } from 'zod';
import { BundleSchema } from './bundle.js';

/** The JSON Schema of the bundle format (input side: optional fields may be omitted). */
export function bundleJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://vorlagenwerk.invalid/bundle.schema.json',
    title: 'Vorlagenwerk-Bundle, Version 1',
    ...z.toJSONSchema(BundleSchema, { io: 'input', unrepresentable: 'any' }),
  };
}
