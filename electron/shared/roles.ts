import { z } from 'zod';
import './zod-german.js';
import { USER_ROLE_LABELS } from './labels.js';

/**
 * Roles of team mode. Desktop, web mode and the CLI act as the local user with every right; on
 * the team server each API method names the roles that may call it (electron/shared/api/*).
 */
export const RoleSchema = z.enum(['sachbearbeitung', 'amtsleitung', 'sitzungsdienst', 'admin', 'lesen']);
export type Role = z.infer<typeof RoleSchema>;

export const ROLES: readonly Role[] = RoleSchema.options;

export const ROLE_LABELS: Readonly<Record<Role, string>> = USER_ROLE_LABELS;

/** Roles that act for one Amt only: a user with one of them is bound to an Amt (`--amt CODE`). */
export const AMT_BOUND_ROLES: readonly Role[] = ['sachbearbeitung', 'amtsleitung'];

/** Shorthands for the contract files. */
export const EVERYONE: readonly Role[] = ROLES;
export const ADMIN_ONLY: readonly Role[] = ['admin'];
export const SITZUNGSDIENST: readonly Role[] = ['sitzungsdienst', 'admin'];
/** Drafting and editing Vorlagen; sachbearbeitung only within their own Amt. */
export const VORLAGE_EDIT: readonly Role[] = ['sachbearbeitung', 'admin'];

/** The signed-in user of a team server request, as the dispatcher and handlers see it. */
export const SessionUserSchema = z.strictObject({
  id: z.number().int(),
  login: z.string(),
  name: z.string(),
  role: RoleSchema,
  /** The Amt an amt-bound role acts for; null for the other roles. */
  departmentId: z.number().int().nullable(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;
/** A Vorlage's Beratungsfolge and carrying it forward: its author's Amt and the Sitzungsdienst. */
export const PAPER_PLANNING: readonly Role[] = ['sachbearbeitung', 'sitzungsdienst', 'admin'];
