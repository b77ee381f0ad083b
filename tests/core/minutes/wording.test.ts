import { describe, expect, it } from 'vitest';
import {
  addressName,
  chairCaption,
  conflictSentence,
  presenceNote,
  recorderCaption,
  representsLine,
} from '../../../electron/core/domain/person-wording.js';
import { committeeSubject, noticeSentence, resultCaption, resultKind, resultLabel, voteLine } from '../../../electron/core/domain/result-wording.js';
import { P } from './fixture.js';

const soz = { name: 'Ausschuss für Soziales und Integration', shortName: 'Sozialausschuss', kind: 'ausschuss' as const };

describe('names and gendered words', () => {
  it('names a person with form of address and title, without repeating a title in the name', () => {
    expect(addressName(P.hartmann)).toBe('Frau Dr. Eva Hartmann');
    expect(addressName({ name: 'Dr. Eva Hartmann', title: 'Dr.', formOfAddress: 'Frau' })).toBe('Frau Dr. Eva Hartmann');
    expect(addressName(P.sam)).toBe('Sam Ortmann');
  });

  it('signs as Die Vorsitzende / Der Vorsitzende and Die Schriftführerin / Der Schriftführer, neutral without form of address', () => {
    expect(chairCaption('Frau')).toBe('Die Vorsitzende');
    expect(chairCaption('Herr')).toBe('Der Vorsitzende');
    expect(chairCaption('none')).toBe('Vorsitz');
    expect(chairCaption(null)).toBe('Vorsitz');
    expect(recorderCaption('Frau')).toBe('Die Schriftführerin');
    expect(recorderCaption('Herr')).toBe('Der Schriftführer');
    expect(recorderCaption('none')).toBe('Schriftführung');
  });

  it('writes arrival and leave times and who represents whom', () => {
    expect(presenceNote('17:10', null)).toBe('ab 17:10 Uhr');
    expect(presenceNote(null, '17:30')).toBe('bis 17:30 Uhr');
    expect(presenceNote('15:20', '17:30')).toBe('von 15:20 Uhr bis 17:30 Uhr');
    expect(presenceNote(null, null)).toBe('');
    expect(representsLine({ name: 'Becker', title: '', formOfAddress: 'Herr' }, { name: 'Yilmaz', title: '', formOfAddress: 'Frau' })).toBe('Herr Becker für Frau Yilmaz');
  });

  it('records Befangenheit with the name', () => {
    expect(conflictSentence({ name: 'Brandt', title: '', formOfAddress: 'Herr' })).toBe(
      'Herr Brandt erklärt sich für befangen und nimmt an Beratung und Abstimmung nicht teil.',
    );
  });
});

describe('result words by the role of the Beratung', () => {
  it('never labels a Kenntnisnahme "Beschluss:"', () => {
    expect(resultKind('kenntnisnahme', 'Kenntnis genommen')).toBe('kenntnisnahme');
    expect(resultKind(null, 'zur Kenntnis genommen')).toBe('kenntnisnahme');
    // An Entscheidung the committee only took note of is still no Beschluss.
    expect(resultKind('entscheidung', 'Kenntnis genommen')).toBe('kenntnisnahme');
    expect(resultCaption('kenntnisnahme', 'Kenntnis genommen')).toBe('Kenntnis genommen');
    expect(resultCaption(null, 'Kenntnis genommen')).not.toMatch(/Beschluss/);
    expect(resultLabel('kenntnisnahme')).not.toMatch(/Beschluss/);
  });

  it('gives a Beschlussempfehlung after a Vorberatung and a Beschluss after an Entscheidung', () => {
    expect(resultCaption('vorberatung', 'einstimmig beschlossen')).toBe('Beschlussempfehlung: einstimmig beschlossen');
    expect(resultCaption('entscheidung', 'mehrheitlich beschlossen')).toBe('Beschluss: mehrheitlich beschlossen');
    // A TOP without Vorlage that decides (Genehmigung der Niederschrift) is a Beschluss.
    expect(resultCaption(null, 'einstimmig genehmigt')).toBe('Beschluss: einstimmig genehmigt');
  });

  it('treats postponed, withdrawn and referred items as procedure, not as a Beschluss', () => {
    expect(resultCaption('entscheidung', 'vertagt')).toBe('Ergebnis: vertagt');
    expect(resultCaption('vorberatung', 'verwiesen an den Kreisausschuss')).toBe('Ergebnis: verwiesen an den Kreisausschuss');
    expect(resultKind('entscheidung', 'zurückgezogen')).toBe('verfahren');
  });

  it('writes the Kenntnisnahme sentence with the Gremium and the Vorlage', () => {
    expect(noticeSentence(soz, '50/012/2025')).toBe('Der Sozialausschuss nimmt die Vorlage Nr. 50/012/2025 zur Kenntnis.');
    expect(noticeSentence(soz, null)).toBe('Der Sozialausschuss nimmt den Bericht zur Kenntnis.');
    expect(committeeSubject({ name: 'Lenkungskommission', shortName: 'Lenkungskommission', kind: 'sonstiges' })).toBe('Das Gremium');
  });

  it('writes the vote line with singular and plural right', () => {
    expect(voteLine({ yes: 10, no: 0, abstain: 0 })).toBe('einstimmig');
    expect(voteLine({ yes: 10, no: 2, abstain: 1 })).toBe('mit 10 Ja-Stimmen, 2 Nein-Stimmen, 1 Enthaltung');
    expect(voteLine({ yes: 1, no: 1, abstain: 2 })).toBe('mit 1 Ja-Stimme, 1 Nein-Stimme, 2 Enthaltungen');
    expect(voteLine(null)).toBeNull();
  });
});
