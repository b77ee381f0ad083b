// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import BeratungsfolgePanel from '../../../renderer/src/components/vorlagen/BeratungsfolgePanel.vue';
import { answerConfirm, confirmState } from '../../../renderer/src/composables/useConfirm';
import { useToasts } from '../../../renderer/src/stores/toasts';
import { meetingByKey, paperByKey } from '../../core/workflow/fixtures';
import type { TempApp } from '../../helpers/temp-app';
import { useDemoCoreEach } from '../core-api';
import { mountWithApp, until } from '../helpers';

/**
 * Removing a Beratung in the Vorlage's Beratungsfolge, against the real core on the demo (clock
 * 01.03.2025): the Integrationsfonds Vorlage is TOP 4 of the Sozialausschuss on 12.03.2025.
 * Before the Einladung its TOP goes and "Rückgängig" brings both back; after it, the TOP stays as
 * abgesetzt and nothing offers to add the Vorlage to that agenda a second time.
 */
let t: TempApp;
let paperId: number;
let meetingId: number;

const core = useDemoCoreEach();
beforeEach(async () => {
  t = core();
  paperId = (await paperByKey(t, 'integrationsfonds')).id;
  meetingId = (await meetingByKey(t, 'soz-4')).id;
});

async function removeSozialausschuss() {
  const committees = await t.call('gremien.list', {});
  const wrapper = mountWithApp(BeratungsfolgePanel, { props: { paperId, committees, defaultRole: 'kenntnisnahme' }, attachTo: document.body });
  await until(() => wrapper.findAll('[data-testid="beratung-row"]').length === 1, 'the Beratungsfolge is loaded');
  await wrapper.find('[data-testid="beratung-row"] .btn-danger').trigger('click');
  await until(() => confirmState.current !== null, 'the question is asked');
  const question = confirmState.current!.message;
  answerConfirm(true);
  await until(() => wrapper.findAll('[data-testid="beratung-row"]').length === 0, 'the Beratung is gone');
  await until(() => useToasts().toasts.length > 0, 'a toast says what happened');
  return { wrapper, question, toast: useToasts().toasts.at(-1)! };
}

const agendaItem = async () => (await t.call('sitzungen.get', { id: meetingId })).agenda.find((i) => i.paperId === paperId);

describe('Beratungsfolge: removing a Beratung with a TOP', () => {
  it('before the Einladung: the TOP goes, and "Rückgängig" puts the Beratung and its TOP back', async () => {
    const { wrapper, question, toast } = await removeSozialausschuss();
    expect(question).toBe('Ausschuss für Soziales und Integration wird aus der Beratungsfolge entfernt; TOP 4 der Sitzung am 12.03.2025 wird von der Tagesordnung genommen.');
    expect(toast.message).toBe('Sozialausschuss wurde aus der Beratungsfolge entfernt.');
    expect(await agendaItem()).toBeUndefined();

    await useToasts().runAction(toast.action!, toast.id);
    await until(() => wrapper.findAll('[data-testid="beratung-row"]').length === 1, 'the Beratung is back');
    expect(await agendaItem()).toMatchObject({ abgesetzt: false, supplement: false });
    wrapper.unmount();
  });

  it('after the Einladung: the TOP stays as abgesetzt, the toast says so and offers no "Rückgängig"', async () => {
    await t.call('sitzungen.einladungVersandt', { meetingId, date: '2025-03-01' });
    const { wrapper, question, toast } = await removeSozialausschuss();
    expect(question).toBe(
      'Ausschuss für Soziales und Integration wird aus der Beratungsfolge entfernt. Ist die Einladung zur Sitzung am 12.03.2025 schon versandt, bleibt TOP 4 als „abgesetzt“ auf der Tagesordnung; sonst wird er von ihr genommen.',
    );
    expect(toast.message).toBe('Sozialausschuss wurde aus der Beratungsfolge entfernt; TOP 4 ist abgesetzt und bleibt mit diesem Vermerk auf der Tagesordnung.');
    expect(toast.action).toBeUndefined();
    expect(await agendaItem()).toMatchObject({ abgesetzt: true, number: '4' });
    wrapper.unmount();
  });
});
