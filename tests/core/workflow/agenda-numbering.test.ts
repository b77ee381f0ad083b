import { describe, expect, it } from 'vitest';
import { agendaNumbers, type NumberedItem } from '../../../electron/core/domain/agenda-numbering.js';

const top = (kind: 'Ö' | 'N', late = false, manualNumber: string | null = null): NumberedItem => ({ public: kind === 'Ö', late, manualNumber });

describe('TOP numbers', () => {
  it('count through both parts, or apart with Ö and N', () => {
    const items = [top('Ö'), top('Ö'), top('N'), top('N')];
    expect(agendaNumbers(items, 'durchgehend')).toEqual(['1', '2', '3', '4']);
    expect(agendaNumbers(items, 'getrennt')).toEqual(['Ö 1', 'Ö 2', 'N 1', 'N 2']);
  });

  it('a TOP added after the Einladung is numbered under the TOP before it; the sent numbers stay', () => {
    const items = [top('Ö'), top('Ö', true), top('Ö', true), top('Ö'), top('N'), top('N', true)];
    expect(agendaNumbers(items, 'durchgehend')).toEqual(['1', '1.1', '1.2', '2', '3', '3.1']);
    expect(agendaNumbers(items, 'getrennt')).toEqual(['Ö 1', 'Ö 1.1', 'Ö 1.2', 'Ö 2', 'N 1', 'N 1.1']);
  });

  it('a late TOP with no TOP of its count before it is counted like any other; a number set by hand wins', () => {
    expect(agendaNumbers([top('N', true), top('N')], 'getrennt')).toEqual(['N 1', 'N 2']);
    expect(agendaNumbers([top('Ö'), top('N', true), top('N')], 'durchgehend')).toEqual(['1', '1.1', '2']);
    expect(agendaNumbers([top('Ö', false, '7a'), top('Ö', true), top('Ö')], 'durchgehend')).toEqual(['7a', '7a.1', '2']);
  });
});
