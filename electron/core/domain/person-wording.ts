import type { FormOfAddress } from '../../shared/persons.js';

/**
 * How the Niederschrift names people: "Frau Dr. Eva Hartmann", "Die Vorsitzende",
 * "Herr Becker für Frau Yilmaz", "ab 17:10 Uhr". Gendered words follow the Person's form of
 * address; without one they stay neutral ("Vorsitz", "Schriftführung").
 */
export interface NamedPerson {
  name: string;
  formOfAddress: FormOfAddress;
  /** Academic title ("Dr."), or ''. */
  title: string;
}

/** "Dr. Eva Hartmann" (under a signature line); a title already written in the name is not repeated. */
export function titledName(p: Pick<NamedPerson, 'name' | 'title'>): string {
  const name = p.name.trim();
  const title = p.title.trim();
  return title && !name.startsWith(title) ? `${title} ${name}` : name;
}

/** "Frau Dr. Eva Hartmann". */
export const addressName = (p: NamedPerson): string => (p.formOfAddress === 'none' ? titledName(p) : `${p.formOfAddress} ${titledName(p)}`);

/** Signature caption of the chair: "Die Vorsitzende" / "Der Vorsitzende" / "Vorsitz". */
export function chairCaption(formOfAddress: FormOfAddress | null | undefined): string {
  if (formOfAddress === 'Frau') return 'Die Vorsitzende';
  if (formOfAddress === 'Herr') return 'Der Vorsitzende';
  return 'Vorsitz';
}

/** Signature caption of the recorder: "Die Schriftführerin" / "Der Schriftführer" / "Schriftführung". */
export function recorderCaption(formOfAddress: FormOfAddress | null | undefined): string {
  if (formOfAddress === 'Frau') return 'Die Schriftführerin';
  if (formOfAddress === 'Herr') return 'Der Schriftführer';
  return 'Schriftführung';
}

/** "ab 17:10 Uhr" for a late arrival. */
export const arrivedNote = (time: string) => `ab ${time} Uhr`;
/** "bis 17:30 Uhr" for an early leave. */
export const leftNote = (time: string) => `bis ${time} Uhr`;

/** "ab 17:10 Uhr", "bis 17:30 Uhr", "von 15:20 Uhr bis 17:30 Uhr" or '' when present throughout. */
export function presenceNote(arrived: string | null, left: string | null): string {
  if (arrived && left) return `von ${arrived} Uhr bis ${left} Uhr`;
  if (arrived) return arrivedNote(arrived);
  if (left) return leftNote(left);
  return '';
}

/** After "für" (accusative): "Herrn Sven Okafor", "Frau Eva Hartmann". */
export const addressNameAccusative = (p: NamedPerson): string => (p.formOfAddress === 'Herr' ? `Herrn ${titledName(p)}` : addressName(p));

/** "Frau Sommerfeld für Herrn Okafor". */
export const representsLine = (deputy: NamedPerson, member: NamedPerson) => `${addressName(deputy)} für ${addressNameAccusative(member)}`;

/** "Herr X erklärt sich für befangen und nimmt an Beratung und Abstimmung nicht teil." (one sentence per person, as minutes record it). */
export const conflictSentence = (p: NamedPerson) => `${addressName(p)} erklärt sich für befangen und nimmt an Beratung und Abstimmung nicht teil.`;
