// Writes docs/bundle.schema.json from the zod schema, so the published JSON Schema can never
// drift from what the importer accepts (a test compares the two).
import fs from 'node:fs';
import path from 'node:path';
import { bundleJsonSchema } from '../electron/shared/bundle-json-schema.js';

const target = path.join(import.meta.dirname, '..', 'docs', 'bundle.schema.json');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, `${JSON.stringify(bundleJsonSchema(), null, 2)}\n`);
console.log(`geschrieben: ${target}`);
