// Writes templates/template.schema.json from the zod schema of template files, so editors can
// check a template.json while it is written; a test keeps the file in step with the schema.
import fs from 'node:fs';
import path from 'node:path';
import { templateJsonSchema } from '../electron/core/templates/schema.js';

const target = path.join(import.meta.dirname, '..', 'templates', 'template.schema.json');
fs.writeFileSync(target, `${JSON.stringify(templateJsonSchema(), null, 2)}\n`);
console.log(`geschrieben: ${target}`);
