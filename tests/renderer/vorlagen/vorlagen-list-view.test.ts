// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TemplateSummary } from '../../../electron/shared/api/dokumente';
import { PaperStatusSchema } from '../../../electron/shared/schemas';
import { setApi } from '../../../renderer/src/api';
import VorlagenListView from '../../../renderer/src/views/vorlagen/VorlagenListView.vue';
import { useToasts } from '../../../renderer/src/stores/toasts';
import { FakeApiError, fakePage, installFakeApi, summary, type Handler } from './fake-api';
import { appPlugins, mockScrollerLayout, settle } from './mount-helpers';

const PAPERS = Array.from({ length: 20_000 }, (_, i) =>
  summary(i + 1, { reference: `50/${String(i + 1).padStart(5, '0')}/2025`, title: `Vorlage Nummer ${i + 1}`, status: i % 2 ? 'entwurf' : 'in_beratung', departmentId: i % 3 ? 1 : 2 }),
);
const TEMPLATE: TemplateSummary = {
  id: 'mitteilungsvorlage',
  name: 'Mitteilungsvorlage',
  description: null,
  defaultRole: 'kenntnisnahme',
  source: 'builtin',
  overridesBuiltin: false,
  titleSuggestion: null,
  sections: [{ key: 'vorbemerkungen', title: 'Vorbemerkungen', required: true, hint: null }],
  closingLine: '',
};

function core(extra: Record<string, Handler> = {}) {
  return installFakeApi({
    'vorlagen.page': fakePage(PAPERS),
    'vorlagen.get': (p) => ({ ...PAPERS.find((x) => x.id === p.ref)!, sections: {}, consultations: [], attachments: [] }),
    'gremien.list': () => [],
    'aemter.list': () => [
      { id: 1, key: 'kaemmerei', code: '20', name: '20 – Kämmerei', signatory: '' },
      { id: 2, key: 'ki', code: '50', name: '50.2 – Kommunales Integrationszentrum (KI)', signatory: '' },
    ],
    'vorlagen.templates': () => ({ templates: [TEMPLATE], errors: [] }),
    'suche.query': (p) => ({ query: p.query, hits: [], hasMore: false }),
    'app.activity': () => [{ id: 1, at: '2025-03-02T10:00:00Z', actor: 'a', action: 'vorlage.erstellt', paperId: 4, meetingId: null, details: {} }],
    ...extra,
  });
}

beforeEach(() => {
  mockScrollerLayout();
});
afterEach(() => {
  vi.restoreAllMocks();
  setApi(null);
  document.body.innerHTML = '';
});

async function mountList() {
  const { plugins, router } = appPlugins();
  await router.push('/vorlagen');
  const wrapper = mount(VorlagenListView, { global: { plugins: [...plugins] }, attachTo: document.body });
  await settle(10);
  return wrapper;
}

const subtitle = (wrapper: ReturnType<typeof mount>) => wrapper.get('.subtitle').text();
const rowTexts = (wrapper: ReturnType<typeof mount>) => wrapper.findAll('[data-testid="vorlage-row"]').map((r) => r.text());

describe('Vorlagen list view', () => {
  it('shows the first page of 20 000 Vorlagen at once, sized to all of them, without loading the whole list', async () => {
    const api = core();
    const wrapper = await mountList();
    expect(subtitle(wrapper)).toBe('20.000 Vorlagen');
    expect(wrapper.get('[role="table"]').attributes('aria-rowcount')).toBe('20001');
    expect(rowTexts(wrapper)[0]).toContain('50/20000/2025');
    expect(api.of('vorlagen.list')).toEqual([]);
    expect(api.of('vorlagen.page').filter((c) => c.params.limit === 100)).toHaveLength(1);
    wrapper.unmount();
  });

  it('filters by status and by number in the core, and resets', async () => {
    const api = core();
    const wrapper = await mountList();
    expect(wrapper.findAll('#vl-status option').map((o) => o.attributes('value'))).toEqual(['', ...PaperStatusSchema.options]);
    await wrapper.get('#vl-status').setValue('in_beratung');
    await settle(10);
    expect(subtitle(wrapper)).toBe('10.000 von 20.000 Vorlagen');
    expect(rowTexts(wrapper).every((r) => r.includes('In Beratung'))).toBe(true);
    expect(api.calls.at(-1)).toEqual({ method: 'vorlagen.page', params: { status: 'in_beratung', offset: 0, limit: 100 } });

    await wrapper.get('#vl-suche').setValue('0012');
    await new Promise((r) => setTimeout(r, 300));
    await settle(10);
    // 50/00120…00129, 50/00012 and 50/10012 contain it; of those, the odd ones are in Beratung.
    expect(subtitle(wrapper)).toBe('5 von 20.000 Vorlagen');
    expect(rowTexts(wrapper).map((r) => r.slice(0, 13))).toEqual(['50/00129/2025', '50/00127/2025', '50/00125/2025', '50/00123/2025', '50/00121/2025']);
    expect(api.calls.filter((c) => c.method === 'vorlagen.page').at(-1)!.params).toEqual({ status: 'in_beratung', text: '0012', offset: 0, limit: 100 });

    await wrapper.findAll('button').find((b) => b.text() === 'Filter zurücksetzen')!.trigger('click');
    await settle(10);
    expect(subtitle(wrapper)).toBe('20.000 Vorlagen');
    wrapper.unmount();
  });

  it('opens “Neue Vorlage” with the Amt of the Vorlage last worked on', async () => {
    core();
    const wrapper = await mountList();
    await wrapper.findAll('button').find((b) => b.text() === '+ Neue Vorlage')!.trigger('click');
    // Vorlage 4 (the latest in the activity log) belongs to Amt 2; the first Amt would be 1.
    await expect.poll(() => document.querySelector<HTMLSelectElement>('#nv-amt')?.value).toBe('2');
    wrapper.unmount();
  });
});

describe('Word import from the list (issue 15.12)', () => {
  const TRACKED = 'Das Word-Dokument enthält 2 nicht angenommene Änderungen (Änderungsverfolgung). Bitte die Änderungen in Word annehmen oder ablehnen, oder beim Import „Änderungen annehmen“ wählen.';
  const NOTES = ['2 nachverfolgte Änderungen wurden angenommen (Einfügungen übernommen, Löschungen entfernt).', '1 Kommentar wurde nicht übernommen: „Zahl prüfen“ (Amtsleitung).'];

  it('a refused file leaves the dialog open with the German reason; accepted, every note and Anlage stays shown until the user goes on to the Vorlage', async () => {
    const imported = { ...summary(20_001, { reference: '50/20001/2025', title: 'Sachstand 2025' }), sections: {}, consultations: [], attachments: [] };
    const api = core({
      'vorlagen.importDocx': (p) => {
        if (p.trackedChanges !== 'accept') throw new FakeApiError('VALIDATION', TRACKED);
        return { paper: imported, notes: NOTES, attachments: ['Übersicht der Kitas'] };
      },
    });
    const wrapper = await mountList();
    await wrapper.findAll('button').find((b) => b.text() === 'Word-Datei importieren …')!.trigger('click');
    await expect.poll(() => document.querySelector('.dropzone')).not.toBeNull();
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as DragEvent;
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], 'Sachstand 2025.docx')] } });
    document.querySelector('.dropzone')!.dispatchEvent(drop);
    await settle(10);
    const submit = () => document.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

    submit();
    await settle(10);
    expect(api.of('vorlagen.importDocx')).toHaveLength(1);
    expect(useToasts().toasts.map((t) => [t.kind, t.message])).toEqual([['error', TRACKED]]);
    // Still the import form, with the chosen file: the user can tick "annehmen" and try again.
    expect(document.body.textContent).toContain('Sachstand 2025.docx');

    const accept = [...document.querySelectorAll('label.check')].find((l) => l.textContent?.includes('Nachverfolgte Änderungen annehmen'))!.querySelector('input')!;
    accept.click();
    await settle();
    submit();
    await settle(10);
    expect(api.of('vorlagen.importDocx')[1]!.params).toMatchObject({ fileName: 'Sachstand 2025.docx', trackedChanges: 'accept' });
    const shown = document.querySelector('[data-testid="import-ergebnis"]')!.textContent!;
    for (const note of NOTES) expect(shown).toContain(note);
    expect(shown).toContain('Übersicht der Kitas');
    // The notes do not go away by themselves (a toast would).
    await settle(20);
    expect(document.querySelector('[data-testid="import-ergebnis"]')).not.toBeNull();
    [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Zur Vorlage'))!.click();
    // The editor view loads lazily, which takes a while under load.
    await expect.poll(() => wrapper.vm.$router.currentRoute.value.fullPath, { timeout: 20_000 }).toBe('/vorlagen/20001');
    wrapper.unmount();
  });
});
