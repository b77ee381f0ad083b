import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinTemplatesDir } from '../../../electron/core/templates/loader.js';
import { templateJsonSchema } from '../../../electron/core/templates/schema.js';

describe('templates/template.schema.json', () => {
  it('is the JSON Schema of the template zod schema (regenerate: npx tsx scripts/write-template-schema.ts)', () => {
    const committed = JSON.parse(readFileSync(join(builtinTemplatesDir(), 'template.schema.json'), 'utf8'));
    expect(committed).toEqual(templateJsonSchema());
  });
});
