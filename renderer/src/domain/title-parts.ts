/**
 * Splits a Betreff so a narrow column can keep its distinguishing end in view: Vorlagen of one
 * series share the beginning ("Kommunales Integrationsmanagement – Sachstand 2025", "… 2026"), so
 * the list shortens the head and always shows the tail. The tail is the part after the last dash
 * separator (" – Sachstand 2026"), or else the last word when it holds a number (" 2026"); head
 * and tail together are the whole title.
 */
export function titleParts(title: string): { head: string; tail: string } {
  const dash = /^(.*\S)(\s[–—-]\s)(.+)$/.exec(title);
  if (dash && dash[3]!.length <= 48) return { head: dash[1]!, tail: `${dash[2]}${dash[3]}` };
  const lastWord = /^(.*\S)(\s\S*\d\S*)$/.exec(title);
  if (lastWord) return { head: lastWord[1]!, tail: lastWord[2]! };
  return { head: title, tail: '' };
}
