// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../renderer/src/api/errors';
import ToastHost from '../../renderer/src/components/ToastHost.vue';
import { useToasts } from '../../renderer/src/stores/toasts';
import { flush, mountWithApp } from './helpers';

beforeEach(() => {
  setActivePinia(createPinia());
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('toasts', () => {
  it('lets confirmations go after a few seconds but keeps errors until closed', () => {
    const toasts = useToasts();
    toasts.success('Gespeichert.');
    toasts.error('Die Datenbank wird gerade verwendet.');
    vi.advanceTimersByTime(60_000);
    expect(toasts.toasts.map((t) => t.message)).toEqual(['Die Datenbank wird gerade verwendet.']);
  });

  it('shows API errors in German and anything else without internals', () => {
    const toasts = useToasts();
    toasts.fromError(new ApiCallError('CONFLICT', 'Diese Vorlage wurde inzwischen geändert.'));
    toasts.fromError(new Error('SQLITE_CONSTRAINT: FOREIGN KEY constraint failed\n    at Statement.run'));
    expect(toasts.toasts.map((t) => t.message)).toEqual(['Diese Vorlage wurde inzwischen geändert.', 'Die Aktion ist fehlgeschlagen. Bitte versuchen Sie es erneut.']);
  });

  it('offers Rückgängig and runs it', async () => {
    vi.useRealTimers();
    const wrapper = mountWithApp(ToastHost);
    const toasts = useToasts();
    const undo = vi.fn();
    toasts.success('TOP „Anfragen“ wurde entfernt.', { label: 'Rückgängig', run: undo });
    await flush();
    const button = wrapper.findAll('button').find((b) => b.text() === 'Rückgängig')!;
    await button.trigger('click');
    expect(undo).toHaveBeenCalled();
    expect(toasts.toasts).toHaveLength(0);
    wrapper.unmount();
  });

  it('announces errors as alerts', async () => {
    vi.useRealTimers();
    const wrapper = mountWithApp(ToastHost);
    useToasts().error('Keine Verbindung zu Vorlagenwerk.');
    await flush();
    expect(wrapper.find('[role="alert"]').text()).toContain('Keine Verbindung zu Vorlagenwerk.');
    wrapper.unmount();
  });
});
