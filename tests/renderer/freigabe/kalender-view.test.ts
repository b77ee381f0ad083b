// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import KalenderView from '../../../renderer/src/views/kalender/KalenderView.vue';
import { fakeApi, flush, mountWithApp } from '../helpers';

// Next month, so every Sitzung lies ahead whatever day the test runs.
const now = new Date();
const next = new Date(now.getFullYear(), now.getMonth() + 1, 1);
const day = (d: number) => `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const de = (d: number) => `${String(d).padStart(2, '0')}.${String(next.getMonth() + 1).padStart(2, '0')}.${next.getFullYear()}`;

const committee = (id: number, name: string, shortName: string) => ({ id, key: `k${id}`, name, shortName, genitive: `des ${name}`, kind: 'ausschuss', noticePeriodDays: 7, supplementNoticePeriodDays: 3, noticeWorkdaysOnly: false, chair: '', copyTo: [] });
const meeting = (id: number, committeeId: number, d: number, time: string, state = 'geplant') => ({ id, key: `m${id}`, committeeId, number: id, start: `${day(d)}T${time}`, end: null, location: 'Kreishaus', state });
const notice = (m: ReturnType<typeof meeting>, invitation: number, supplement: number) => ({
  meetingId: m.id, committeeId: m.committeeId, committeeShortName: 'x', meetingStart: m.start, state: m.state, workdaysOnly: false, dispatchDate: day(1),
  invitation: { periodDays: 7, lastDay: day(invitation), daysLeft: 10, late: false },
  supplement: { periodDays: 3, lastDay: day(supplement), daysLeft: 14, late: false },
});

// Sozialausschuss on the 20th (Ladungsfrist 13th, Nachträge 17th); Integrationsrat on the 10th without a
// shorter Nachtrag period (both deadlines the 3rd); a cancelled Kreisausschuss on the 25th.
const soz = meeting(1, 1, 20, '15:00');
const ir = meeting(2, 2, 10, '17:00');
const cancelled = meeting(3, 3, 25, '16:00', 'abgesagt');

async function mounted() {
  fakeApi({
    'sitzungen.list': () => [soz, ir, cancelled],
    'gremien.list': () => [committee(1, 'Ausschuss für Soziales und Integration', 'Sozialausschuss'), committee(2, 'Integrationsrat', 'Integrationsrat'), committee(3, 'Kreisausschuss', 'Kreisausschuss')],
    'sitzungen.ladungsfristen': () => [notice(soz, 13, 17), notice(ir, 3, 3), notice(cancelled, 15, 22)],
  });
  const wrapper = mountWithApp(KalenderView);
  for (let i = 0; i < 5; i++) await flush();
  return wrapper;
}

/** The entries of one day of the month grid, as the user reads them. */
function entriesOn(wrapper: Awaited<ReturnType<typeof mounted>>, d: number) {
  const cell = wrapper.findAll('[data-testid="kalender-monat"] td').find((td) => td.find('.day-number').exists() && td.find('.day-number').text() === String(d))!;
  return cell.findAll('li').map((li) => `${li.attributes('data-kind')}: ${li.text()}`);
}

describe('Sitzungskalender', () => {
  it('shows every Gremium’s Sitzungen in the month with their Ladungsfrist and Nachtragsfrist; a cancelled Sitzung has no deadlines', async () => {
    const wrapper = await mounted();
    await wrapper.get('button[aria-label="Nächster Monat"]').trigger('click');
    expect(wrapper.get('.month-title').text()).toBe(`${['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'][next.getMonth()]} ${next.getFullYear()}`);
    expect(entriesOn(wrapper, 20)).toEqual(['sitzung: 15:00 Sozialausschuss']);
    expect(entriesOn(wrapper, 13)).toEqual(['ladungsfrist: Ladungsfrist Sozialausschuss']);
    expect(entriesOn(wrapper, 17)).toEqual(['nachtrag: Nachtragsfrist Sozialausschuss']);
    expect(entriesOn(wrapper, 10)).toEqual(['sitzung: 17:00 Integrationsrat']);
    // No shorter Nachtrag period: one deadline, not two on the same day.
    expect(entriesOn(wrapper, 3)).toEqual(['ladungsfrist: Ladungsfrist Integrationsrat']);
    expect(entriesOn(wrapper, 25)).toEqual(['sitzung: 16:00 Kreisausschuss']);
    expect(entriesOn(wrapper, 15)).toEqual([]);
    expect(entriesOn(wrapper, 22)).toEqual([]);
    wrapper.unmount();
  });

  it('lists the coming Sitzungen with both deadlines, and filters by Gremium', async () => {
    const wrapper = await mounted();
    await wrapper.findAll('button').find((b) => b.text() === 'Liste')!.trigger('click');
    const rows = () => wrapper.findAll('[data-testid="kalender-eintrag"]').map((r) => r.findAll('td').map((td) => td.text()));
    expect(rows().map((r) => r[0]!.slice(0, 10))).toEqual([de(10), de(20), de(25)]);
    const sozRow = rows()[1]!;
    expect(sozRow[1]).toContain('Ausschuss für Soziales und Integration');
    expect(sozRow.slice(2)).toEqual([de(13), de(17)]);

    await wrapper.get('#kal-gremium').setValue('2');
    expect(rows().map((r) => r[1]!)).toEqual([expect.stringContaining('Integrationsrat')]);
    wrapper.unmount();
  });
});
