// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api';
import { createApi } from '../../renderer/src/api/client';
import VorschauPanel from '../../renderer/src/components/vorlagen/VorschauPanel.vue';
import { flush, mountWithApp } from './helpers';

afterEach(() => {
  setApi(null);
  document.body.innerHTML = '';
});

/** An api whose file methods answer with a file, recording what was asked for. */
function fileApi() {
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  setApi(
    createApi({
      invoke: async (method, params) => {
        calls.push({ method, params: params as Record<string, unknown> });
        return { ok: true, result: { path: '', bytes: 1 }, file: { id: String(calls.length), fileName: 'vorlage.pdf', mediaType: 'application/pdf', size: 1 } } as never;
      },
      // happy-dom does not load frames; the preview's source is not what this test is about.
      fileUrl: () => '',
      saveFile: async () => true,
      pickFile: async () => null,
    }),
  );
  return calls;
}

const mountPanel = (isPublic: boolean) =>
  mountWithApp(VorschauPanel, {
    props: { paperId: 1, reference: '50/003/2025', isPublic, revision: 1, beratungen: [], unsaved: false, saveFirst: async () => true },
  });

describe('Vorschau & Export', () => {
  it('offers a public version of a public Vorlage: preview and export then leave out non-public Anlagen', async () => {
    const calls = fileApi();
    const wrapper = mountPanel(true);
    await flush();
    expect(calls.at(-1)).toEqual({ method: 'vorlagen.previewFile', params: { ref: '50/003/2025' } });
    await wrapper.get('[data-testid="oeffentliche-fassung"]').setValue(true);
    await flush();
    expect(calls.at(-1)).toEqual({ method: 'vorlagen.previewFile', params: { ref: '50/003/2025', publicOnly: true } });
    await wrapper.findAll('.export-buttons button')[1]!.trigger('click');
    for (let i = 0; i < 3; i++) await flush();
    expect(calls.at(-1)).toEqual({ method: 'vorlagen.exportPdf', params: { ref: '50/003/2025', publicOnly: true } });
    wrapper.unmount();
  });

  it('loads the preview once when opened, printed for the next Sitzung', async () => {
    const calls = fileApi();
    const beratungen = [
      { meetingId: 7, meetingStart: '2020-03-12T15:00', committeeShortName: 'Sozialausschuss' },
      { meetingId: 9, meetingStart: '2999-03-12T15:00', committeeShortName: 'Integrationsrat' },
    ];
    const wrapper = mountWithApp(VorschauPanel, {
      props: { paperId: 1, reference: '50/003/2025', isPublic: false, revision: 1, beratungen: beratungen as never, unsaved: false, saveFirst: async () => true },
    });
    for (let i = 0; i < 3; i++) await flush();
    expect(calls).toEqual([{ method: 'vorlagen.previewFile', params: { ref: '50/003/2025', meetingId: 9 } }]);
    wrapper.unmount();
  });

  it('shows the newest preview when an older one answers last', async () => {
    const answers: (() => void)[] = [];
    setApi(
      createApi({
        invoke: (_method, _params) =>
          new Promise((resolve) => {
            const id = String(answers.length + 1);
            answers.push(() => resolve({ ok: true, result: { path: '', bytes: 1 }, file: { id, fileName: 'vorschau.html', mediaType: 'text/html', size: 1 } } as never));
          }),
        fileUrl: (file) => `about:blank#${file.id}`,
        saveFile: async () => true,
        pickFile: async () => null,
      }),
    );
    const wrapper = mountPanel(true);
    await flush();
    await wrapper.get('[data-testid="oeffentliche-fassung"]').setValue(true);
    await flush();
    expect(answers).toHaveLength(2);
    answers[1]!();
    await flush();
    answers[0]!();
    await flush();
    expect(wrapper.get('[data-testid="vorschau"]').attributes('src')).toBe('about:blank#2');
    wrapper.unmount();
  });

  it('has no public version for a non-public Vorlage', async () => {
    fileApi();
    const wrapper = mountPanel(false);
    await flush();
    expect(wrapper.find('[data-testid="oeffentliche-fassung"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
