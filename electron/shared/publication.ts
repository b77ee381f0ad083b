import { z } from 'zod';
import { IsoDateSchema, requiredLine } from './schemas.js';
import { DEFAULT_TIME_ZONE, TimeZoneSchema } from './time-zone.js';

/**
 * Settings of the Körperschaft for what it publishes: the time zone its Sitzung times are
 * wall-clock times in (OParl gives every time with that zone's offset on its date), the licences
 * OParl announces, and the Wahlperioden (Body.legislativeTerm).
 */

const whitespace = /\s/;

/**
 * An absolute http(s) address, written as the URL standard spells it (a non-ASCII host in
 * punycode, "https://ris.müsterkreis.de/" → "https://ris.xn--msterkreis-…/"). Every failure has
 * its own German message, because a Kreis types it by hand.
 */
export const webAddress = (example: string) =>
  z
    .string()
    .max(500)
    .transform((s, ctx) => {
      const fail = (message: string) => {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      };
      if (!s.trim()) return fail('darf nicht leer sein');
      if (whitespace.test(s)) return fail(`darf keine Leerzeichen enthalten, z. B. ${example}`);
      let url: URL;
      try {
        url = new URL(s);
      } catch {
        return fail(`eine vollständige http(s)-Adresse erwartet, z. B. ${example}`);
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail(`eine vollständige http(s)-Adresse erwartet, z. B. ${example}`);
      if (!url.hostname) return fail(`die Adresse braucht einen Servernamen, z. B. ${example}`);
      if (url.username || url.password) return fail('die Adresse darf keinen Benutzernamen und kein Kennwort enthalten');
      if (url.search || url.hash || s.includes('?') || s.includes('#')) return fail(`die Adresse darf kein ?… und #… enthalten, z. B. ${example}`);
      return url.href;
    });

export const LicenseUrlSchema = z.union([z.literal(''), webAddress('https://creativecommons.org/licenses/by/4.0/')]);

/**
 * Licences offered by name in Einstellungen: those open-data portals (GovData) and OParl
 * consumers recognise by their address. Each is stored exactly as written here.
 */
export const COMMON_LICENSES = [
  { url: 'https://creativecommons.org/licenses/by/4.0/', name: 'Creative Commons Namensnennung 4.0 (CC BY 4.0)' },
  { url: 'https://creativecommons.org/publicdomain/zero/1.0/', name: 'Creative Commons Zero 1.0 (CC0, gemeinfrei)' },
  { url: 'https://www.govdata.de/dl-de/by-2-0', name: 'Datenlizenz Deutschland – Namensnennung 2.0' },
  { url: 'https://www.govdata.de/dl-de/zero-2-0', name: 'Datenlizenz Deutschland – Zero 2.0' },
] as const;

export const LegislativeTermSchema = z.strictObject({
  name: requiredLine(200),
  startDate: IsoDateSchema,
  endDate: IsoDateSchema.nullable().default(null),
});
export type LegislativeTerm = z.infer<typeof LegislativeTermSchema>;

export const BodySettingsSchema = z.strictObject({
  /** IANA name, e.g. "Europe/Berlin". */
  timeZone: TimeZoneSchema,
  /** Licence of the published data (OParl Body.license); '' = none announced. */
  license: LicenseUrlSchema,
  /** Licence of the system's own metadata (OParl System.license); '' = none announced. */
  systemLicense: LicenseUrlSchema,
  legislativeTerms: z.array(LegislativeTermSchema).max(50),
});
export type BodySettings = z.infer<typeof BodySettingsSchema>;

export const DEFAULT_BODY_SETTINGS: BodySettings = { timeZone: DEFAULT_TIME_ZONE, license: '', systemLicense: '', legislativeTerms: [] };
