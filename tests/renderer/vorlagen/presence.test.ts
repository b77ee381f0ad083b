// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { defineComponent, h, ref } from 'vue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRESENCE_HEARTBEAT_MS, usePresence } from '../../../renderer/src/composables/usePresence';
import { useLiveUpdatesStore } from '../../../renderer/src/stores/liveUpdates';
import { useSessionStore } from '../../../renderer/src/stores/session';

beforeEach(() => {
  setActivePinia(createPinia());
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

function host(mode: 'team' | 'local') {
  useSessionStore().mode = mode;
  const calls: [number, string][] = [];
  const announce = vi.fn(async (id: number, state: 'open' | 'close') => {
    calls.push([id, state]);
    return state === 'open' ? ['Person b'] : [];
  });
  const paperId = ref<number | null>(7);
  let others: ReturnType<typeof usePresence>['others'] | undefined;
  const wrapper = mount(defineComponent({ setup: () => ((others = usePresence(paperId, announce).others), () => h('div')) }));
  return { calls, paperId, wrapper, others: () => others!.value };
}

describe('presence in the editor', () => {
  it('team mode: announces the open Vorlage, repeats it as a heartbeat, names the others, and says goodbye', async () => {
    const { calls, paperId, wrapper, others } = host('team');
    await vi.advanceTimersByTimeAsync(0);
    expect(others()).toEqual(['Person b']);
    await vi.advanceTimersByTimeAsync(PRESENCE_HEARTBEAT_MS);
    expect(calls).toEqual([[7, 'open'], [7, 'open']]);
    paperId.value = 8;
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.slice(2)).toEqual([[7, 'close'], [8, 'open']]);
    wrapper.unmount();
    expect(calls.at(-1)).toEqual([8, 'close']);
  });

  it('a colleague opening or closing the same Vorlage shows at once; own notices and other Vorlagen change nothing', async () => {
    useSessionStore().user = { login: 'a', name: 'Person a', role: 'sachbearbeitung', roleLabel: 'Sachbearbeitung', amt: '50' };
    const { wrapper, others } = host('team');
    await vi.advanceTimersByTimeAsync(0);
    expect(others()).toEqual(['Person b']);
    const live = useLiveUpdatesStore();
    await live.apply({ kind: 'presence', id: 7, by: 'Person a', method: 'open' });
    await live.apply({ kind: 'presence', id: 9, by: 'Person c', method: 'open' });
    await vi.advanceTimersByTimeAsync(0);
    expect(others()).toEqual(['Person b']);
    await live.apply({ kind: 'presence', id: 7, by: 'Anna Zeller', method: 'open' });
    await vi.advanceTimersByTimeAsync(0);
    expect(others()).toEqual(['Anna Zeller', 'Person b']);
    await live.apply({ kind: 'presence', id: 7, by: 'Person b', method: 'close' });
    await vi.advanceTimersByTimeAsync(0);
    expect(others()).toEqual(['Anna Zeller']);
    wrapper.unmount();
  });

  it('desktop and web mode announce nothing', async () => {
    const { calls, wrapper, others } = host('local');
    await vi.advanceTimersByTimeAsync(PRESENCE_HEARTBEAT_MS * 2);
    expect(calls).toEqual([]);
    expect(others()).toEqual([]);
    wrapper.unmount();
  });
});
