import { z } from 'zod';
import { defineMethods } from './define.js';
import { ADMIN_ONLY, EVERYONE } from '../roles.js';
import { AuditEventSchema, BodySchema, DepartmentSchema, IdSchema, KeySchema, lineText, requiredLine } from '../schemas.js';

const Empty = z.strictObject({});

export const appMethods = defineMethods({
  'app.info': {
    input: Empty,
    output: z.strictObject({
      version: z.string(),
      dataDir: z.string(),
      databaseFile: z.string(),
      schemaVersion: z.number().int(),
      counts: z.strictObject({ vorlagen: z.number().int(), gremien: z.number().int(), sitzungen: z.number().int() }),
      actor: z.string(),
    }),
  },
  'app.activity': {
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(30) }),
    output: z.array(AuditEventSchema),
  },
  'koerperschaft.get': { input: Empty, output: BodySchema.nullable() },
  'koerperschaft.save': { input: BodySchema, output: BodySchema, mutates: true },
  'aemter.list': { input: Empty, output: z.array(DepartmentSchema) },
  'aemter.save': {
    input: z.strictObject({
      id: IdSchema.optional(),
      key: KeySchema,
      code: requiredLine(20),
      name: requiredLine(),
      signatory: lineText(),
    }),
    output: DepartmentSchema,
    mutates: true,
  },
}, { read: EVERYONE, write: ADMIN_ONLY });
