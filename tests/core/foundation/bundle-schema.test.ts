import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleJsonSchema } from '../../../electron/shared/bundle-json-schema.js';

describe('docs/bundle.schema.json', () => {
  it('is the JSON Schema generated from the zod bundle schema (run npm run schema after changing it)', () => {
    const published = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'docs', 'bundle.schema.json'), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(bundleJsonSchema())));
    expect(published.required).toEqual(expect.arrayContaining(['format', 'version', 'body']));
  });
});
