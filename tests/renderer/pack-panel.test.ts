// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api';
import { createApi } from '../../renderer/src/api/client';
import PackPanel from '../../renderer/src/components/gremien/PackPanel.vue';
import { fakeApi, flush, mountWithApp } from './helpers';

afterEach(() => {
  setApi(null);
  document.body.innerHTML = '';
});

async function createPack() {
  const wrapper = mountWithApp(PackPanel, { props: { meetingId: 3 } });
  await wrapper.get('button.create').trigger('click');
  for (let i = 0; i < 5; i++) await flush();
  return wrapper;
}

describe('Sitzungsmappe panel', () => {
  it('shows the core’s German message when the pack fails', async () => {
    fakeApi({
      'sitzungen.pack': () => {
        throw { code: 'VALIDATION', message: 'Die Vorlage 50/012/2025 hat keinen Inhalt.' };
      },
    });
    const wrapper = await createPack();
    expect(wrapper.get('[role="alert"]').text()).toBe('Die Vorlage 50/012/2025 hat keinen Inhalt.');
    wrapper.unmount();
  });

  it('never shows a browser exception’s English text', async () => {
    setApi(
      createApi({
        invoke: async () => {
          throw new TypeError("Cannot read properties of undefined (reading 'invoke')");
        },
        fileUrl: () => '',
        saveFile: async () => false,
        pickFile: async () => null,
      }),
    );
    const wrapper = await createPack();
    const alert = wrapper.get('[role="alert"]').text();
    expect(alert).toBe('Die Aktion ist fehlgeschlagen. Bitte versuchen Sie es erneut.');
    expect(wrapper.text()).not.toContain('Cannot read');
    wrapper.unmount();
  });
});
