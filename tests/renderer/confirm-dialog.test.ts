// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import ConfirmDialog from '../../renderer/src/components/ConfirmDialog.vue';
import { useConfirm } from '../../renderer/src/composables/useConfirm';
import { flush, mountWithApp } from './helpers';

describe('confirmation dialog', () => {
  it('asks, starts on "Abbrechen" for destructive actions, and answers yes only on the button', async () => {
    const wrapper = mountWithApp(ConfirmDialog);
    const confirm = useConfirm();
    const answer = confirm({ title: 'Sitzung löschen?', message: 'Die Sitzung wird gelöscht.', confirmLabel: 'Sitzung löschen', danger: true });
    await flush();
    await flush();
    const dialog = wrapper.find('[role="alertdialog"]');
    expect(dialog.exists()).toBe(true);
    expect(dialog.attributes('aria-modal')).toBe('true');
    expect(wrapper.find('#confirm-title').text()).toBe('Sitzung löschen?');
    expect(document.activeElement?.textContent?.trim()).toBe('Abbrechen');
    await wrapper.findAll('button').find((b) => b.text() === 'Sitzung löschen')!.trigger('click');
    expect(await answer).toBe(true);
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('counts Escape as "no"', async () => {
    const wrapper = mountWithApp(ConfirmDialog);
    const answer = useConfirm()({ title: 'Wiederherstellen?', message: '…', confirmLabel: 'Wiederherstellen', danger: true });
    await flush();
    await wrapper.find('[role="alertdialog"]').trigger('keydown', { key: 'Escape' });
    expect(await answer).toBe(false);
    wrapper.unmount();
  });
});
