/**
 * Link addresses the document model accepts: web pages (http, https) and e-mail (mailto), as
 * plain ASCII (non-ASCII is percent-encoded, hosts in punycode) of at most LINK_MAX characters.
 * Everything else — javascript:, data:, file:, relative paths, control characters — never becomes
 * a link: a viewer of the printed PDF or the Word file would run or open it.
 * The pattern is what the stored model (and the published bundle JSON Schema) allows; `normalizeHref`
 * turns what a user types or a Word file holds into that form, or says why it cannot.
 */
export const LINK_MAX = 2_000;

/** Stored form: lower-case scheme, a host after "//" (http/https) or an address (mailto), printable ASCII only. */
export const LINK_HREF = /^(?:https?:\/\/[!-.0-~][!-~]*|mailto:[!-~]+)$/;

export type HrefResult = { ok: true; href: string } | { ok: false; reason: string };

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A user's or a file's link address in stored form. A bare "www.…" becomes https, a bare e-mail
 * address mailto:, as a clerk types them. The reason is German, for notes and dialogs.
 */
export function normalizeHref(raw: string): HrefResult {
  if (raw.length > LINK_MAX) return { ok: false, reason: `Die Linkadresse ist zu lang (höchstens ${LINK_MAX.toLocaleString('de-DE')} Zeichen).` };
  if (CONTROL.test(raw)) return { ok: false, reason: 'Die Linkadresse enthält Steuerzeichen.' };
  let text = raw.trim();
  if (!text) return { ok: false, reason: 'Die Linkadresse ist leer.' };
  if (/^www\./i.test(text)) text = `https://${text}`;
  else if (/^[^\s:/@]+@[^\s:/@]+\.[^\s:/@]+$/.test(text)) text = `mailto:${text}`;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'mailto') {
    return { ok: false, reason: 'Links sind nur zu Webseiten (http, https) und E-Mail-Adressen (mailto) möglich.' };
  }
  let href: string;
  try {
    href = new URL(text).href;
  } catch {
    return { ok: false, reason: 'Die Linkadresse ist keine gültige Adresse.' };
  }
  if (scheme === 'mailto') href = `mailto:${href.slice('mailto:'.length)}`;
  if (href.length > LINK_MAX) return { ok: false, reason: `Die Linkadresse ist zu lang (höchstens ${LINK_MAX.toLocaleString('de-DE')} Zeichen).` };
  if (!LINK_HREF.test(href)) return { ok: false, reason: 'Die Linkadresse ist keine gültige Adresse.' };
  return { ok: true, href };
}
