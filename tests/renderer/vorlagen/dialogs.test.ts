// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { setApi } from '../../../renderer/src/api';
import type { TemplateSummary } from '../../../electron/shared/api/dokumente';
import type { Department, PaperSummary } from '../../../electron/shared/schemas';
import FortschreibenDialog from '../../../renderer/src/components/vorlagen/FortschreibenDialog.vue';
import NeueVorlageDialog from '../../../renderer/src/components/vorlagen/NeueVorlageDialog.vue';
import WordImportDialog from '../../../renderer/src/components/vorlagen/WordImportDialog.vue';
import { fakePage, installFakeApi } from './fake-api';
import { appPlugins, settle } from './mount-helpers';

const template = (id: string, name: string, titleSuggestion: string | null): TemplateSummary => ({
  id,
  name,
  description: null,
  defaultRole: 'kenntnisnahme',
  source: 'builtin',
  overridesBuiltin: false,
  titleSuggestion,
  sections: [{ key: 'vorbemerkungen', title: 'Vorbemerkungen', required: true, hint: null }],
  closingLine: '',
});
const TEMPLATES = [template('beschlussvorlage', 'Beschlussvorlage', null), template('mitteilungsvorlage', 'Mitteilungsvorlage', null), template('sachstandsbericht', 'Sachstandsbericht', 'Kommunales Integrationsmanagement – Sachstand')];
const DEPARTMENTS: Department[] = [
  { id: 1, key: 'kaemmerei', code: '20', name: '20 – Kämmerei', signatory: '' },
  { id: 2, key: 'ki', code: '50', name: '50.2 – Kommunales Integrationszentrum (KI)', signatory: '' },
];

afterEach(() => {
  document.body.innerHTML = '';
  setApi(null);
});

/** The dialogs wait for a pause in typing before they ask the core. */
const typingPause = async () => {
  await new Promise((r) => setTimeout(r, 260));
  await settle();
};

const body = () => document.body;
const field = <T extends HTMLElement>(selector: string) => body().querySelector<T>(selector)!;
function setValue(el: HTMLInputElement | HTMLSelectElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input'));
}

describe('Neue Vorlage', () => {
  it('starts with a Mitteilungsvorlage of the last-used Amt, suggests the template’s Betreff, and sends what the user chose', async () => {
    const { plugins } = appPlugins();
    const wrapper = mount(NeueVorlageDialog, { props: { templates: TEMPLATES, departments: DEPARTMENTS, busy: false, defaultDepartmentId: 2 }, global: { plugins: [...plugins] }, attachTo: body() });
    await settle();
    expect(body().querySelector('[role="dialog"]')?.getAttribute('aria-modal')).toBe('true');
    expect(field<HTMLSelectElement>('#nv-template').value).toBe('mitteilungsvorlage');
    expect(field<HTMLSelectElement>('#nv-amt').value).toBe('2');
    expect(document.activeElement).toBe(field('#nv-template'));

    setValue(field('#nv-template'), 'sachstandsbericht');
    await settle();
    expect(field<HTMLInputElement>('#nv-title').value).toBe('Kommunales Integrationsmanagement – Sachstand');
    setValue(field('#nv-title'), 'Sachstand 2026');
    setValue(field('#nv-template'), 'beschlussvorlage');
    await settle();
    // The user's own Betreff is not replaced by a suggestion.
    expect(field<HTMLInputElement>('#nv-title').value).toBe('Sachstand 2026');

    field<HTMLButtonElement>('button[type="submit"]').click();
    await settle();
    expect(wrapper.emitted('create')![0]![0]).toEqual({ template: 'beschlussvorlage', departmentId: 2, title: 'Sachstand 2026', public: true });
    wrapper.unmount();
  });

  it('asks for a Betreff instead of sending an empty one', async () => {
    const { plugins } = appPlugins();
    const wrapper = mount(NeueVorlageDialog, { props: { templates: TEMPLATES, departments: DEPARTMENTS, busy: false }, global: { plugins: [...plugins] }, attachTo: body() });
    await settle();
    field<HTMLButtonElement>('button[type="submit"]').click();
    await settle();
    expect(wrapper.emitted('create')).toBeUndefined();
    expect(body().querySelector('[role="alert"]')?.textContent).toBe('Bitte geben Sie einen Betreff ein.');
    expect(field('#nv-title').getAttribute('aria-invalid')).toBe('true');
    wrapper.unmount();
  });

  it('closes on Escape and keeps Tab inside the dialog', async () => {
    const { plugins } = appPlugins();
    const wrapper = mount(NeueVorlageDialog, { props: { templates: TEMPLATES, departments: DEPARTMENTS, busy: false }, global: { plugins: [...plugins] }, attachTo: body() });
    await settle();
    const dialog = field('[role="dialog"]');
    const last = [...dialog.querySelectorAll<HTMLElement>('button')].at(-1)!;
    last.focus();
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).not.toBe(last);
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(wrapper.emitted('close')).toHaveLength(1);
    wrapper.unmount();
  });
});

describe('Fortschreiben', () => {
  const paper = (id: number, reference: string, title: string, year: number): PaperSummary => ({
    id, key: null, reference, departmentId: 2, template: 'sachstandsbericht', title, public: true, year, status: 'erledigt', predecessorId: null,
    createdAt: '', updatedAt: '', date: null, revision: 1, committeeIds: [],
  });
  const year = new Date().getFullYear();
  const PAPERS = [paper(1, `50/001/${year - 1}`, `Kommunales Integrationsmanagement – Sachstand ${year - 1}`, year - 1), paper(2, `50/007/${year - 2}`, `Kommunales Integrationsmanagement – Sachstand ${year - 2}`, year - 2)];

  it('offers last year’s Vorlagen, finds older ones by search, and refuses a target year before the source', async () => {
    const api = installFakeApi({ 'vorlagen.page': fakePage(PAPERS) });
    const { plugins } = appPlugins();
    const wrapper = mount(FortschreibenDialog, { props: { busy: false }, global: { plugins: [...plugins] }, attachTo: body() });
    await settle();
    const radios = () => [...body().querySelectorAll<HTMLInputElement>('input[type="radio"]')].map((r) => r.closest('label')!.textContent!.trim());
    expect(radios()).toEqual([`50/001/${year - 1}Kommunales Integrationsmanagement – Sachstand ${year - 1}`]);
    // Only last year's few candidates were asked for, not the whole list.
    expect(api.calls.map((c) => c.method)).toEqual(['vorlagen.page']);
    expect(api.calls[0]!.params).toEqual({ year: year - 1, offset: 0, limit: 8 });

    setValue(body().querySelector<HTMLInputElement>('input[type="search"]')!, `Sachstand ${year - 2}`);
    await typingPause();
    expect(radios()).toEqual([`50/007/${year - 2}Kommunales Integrationsmanagement – Sachstand ${year - 2}`]);
    expect(api.calls.at(-1)!.params).toEqual({ text: `Sachstand ${year - 2}`, offset: 0, limit: 8 });
    const radio = body().querySelector<HTMLInputElement>('input[type="radio"]')!;
    radio.checked = true;
    radio.dispatchEvent(new Event('change'));
    await settle();
    // The chosen one stays offered while searching on.
    setValue(body().querySelector<HTMLInputElement>('input[type="search"]')!, 'gibt es nicht');
    await typingPause();
    expect(radios()).toEqual([`50/007/${year - 2}Kommunales Integrationsmanagement – Sachstand ${year - 2}`]);
    const yearInput = body().querySelector<HTMLInputElement>('input[type="number"]')!;
    setValue(yearInput, String(year - 3));
    await settle();
    expect(body().textContent).toContain(`Das Jahr darf nicht vor ${year - 2} liegen`);
    expect(body().querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(true);
    setValue(yearInput, String(year));
    await settle();
    body().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
    expect(wrapper.emitted('carry')![0]).toEqual([PAPERS[1], year]);
    wrapper.unmount();
  });

  it('suggests the year after the source’s, follows the source until the user types a year', async () => {
    installFakeApi({ 'vorlagen.page': fakePage(PAPERS) });
    const { plugins } = appPlugins();
    const wrapper = mount(FortschreibenDialog, { props: { busy: false }, global: { plugins: [...plugins] }, attachTo: body() });
    await settle();
    const yearInput = () => body().querySelector<HTMLInputElement>('input[type="number"]')!;
    const pick = async (text: string) => {
      setValue(body().querySelector<HTMLInputElement>('input[type="search"]')!, text);
      await typingPause();
      const radio = [...body().querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) => r.closest('label')!.textContent!.includes(text))!;
      radio.checked = true;
      radio.dispatchEvent(new Event('change'));
      await settle();
    };
    await pick(`Sachstand ${year - 2}`);
    expect(yearInput().value).toBe(String(year - 1));
    await pick(`Sachstand ${year - 1}`);
    expect(yearInput().value).toBe(String(year));
    // A year the user typed stays.
    setValue(yearInput(), String(year + 3));
    await settle();
    await pick(`Sachstand ${year - 2}`);
    expect(yearInput().value).toBe(String(year + 3));
    body().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
    expect(wrapper.emitted('carry')![0]).toEqual([PAPERS[1], year + 3]);
    wrapper.unmount();
  });
});

describe('Word-Datei importieren', () => {
  it('takes a dropped .docx, refuses other files in German, and sends the file with the chosen settings', async () => {
    const { plugins } = appPlugins();
    const wrapper = mount(WordImportDialog, { props: { templates: TEMPLATES, departments: DEPARTMENTS, busy: false, defaultDepartmentId: 2 }, global: { plugins: [...plugins] }, attachTo: body() });
    await settle();
    const zone = body().querySelector<HTMLElement>('.dropzone')!;
    const drop = async (file: File) => {
      const event = new Event('drop', { bubbles: true, cancelable: true }) as DragEvent;
      Object.defineProperty(event, 'dataTransfer', { value: { files: [file] } });
      zone.dispatchEvent(event);
      await settle(10);
    };
    await drop(new File(['%PDF-1.4'], 'bericht.pdf', { type: 'application/pdf' }));
    expect(body().querySelector('[role="alert"]')?.textContent).toBe('Bitte wählen Sie eine Word-Datei im Format .docx.');

    await drop(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], 'Sachstand 2025.docx'));
    expect(body().textContent).toContain('Sachstand 2025.docx');
    expect(body().querySelector('[role="alert"]')).toBeNull();
    body().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
    expect(wrapper.emitted('import')![0]![0]).toEqual({ fileName: 'Sachstand 2025.docx', dataBase64: 'UEsDBA==', template: 'mitteilungsvorlage', departmentId: 2, title: undefined, public: true, trackedChanges: 'refuse' });

    // Tracked changes: the user decides here (issue 15.12).
    const accept = [...body().querySelectorAll('label.check')].find((l) => l.textContent?.includes('Nachverfolgte Änderungen annehmen'))!.querySelector('input')!;
    accept.click();
    await settle();
    body().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
    expect(wrapper.emitted('import')![1]![0]).toMatchObject({ trackedChanges: 'accept' });
    wrapper.unmount();
  });

  it('shows every note and the Anlagen the document names before going on to the Vorlage', async () => {
    const { plugins } = appPlugins();
    const result = { reference: '50/013/2025', notes: ['1 Kommentar wurde nicht übernommen: „Zahl prüfen“ (Amtsleitung).'], attachments: ['Übersicht der Kitas'] };
    const wrapper = mount(WordImportDialog, { props: { templates: TEMPLATES, departments: DEPARTMENTS, busy: false, result }, global: { plugins: [...plugins] }, attachTo: body() });
    await settle();
    const shown = body().querySelector('[data-testid="import-ergebnis"]')!.textContent!;
    expect(body().textContent).toContain('Vorlage 50/013/2025 angelegt');
    expect(shown).toContain('1 Kommentar wurde nicht übernommen: „Zahl prüfen“ (Amtsleitung).');
    expect(shown).toContain('Übersicht der Kitas');
    [...body().querySelectorAll('button')].find((b) => b.textContent?.includes('Zur Vorlage'))!.click();
    await settle();
    expect(wrapper.emitted('open')).toHaveLength(1);
    wrapper.unmount();
  });
});
