// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import { setApi } from '../../../renderer/src/api';
import type { ChosenFile } from '../../../renderer/src/components/vorlagen/files';
import { useAnlagenAusWordStore } from '../../../renderer/src/stores/anlagenAusWord';
import { ANLAGE, textAfterClosing } from '../../fixtures/word/word-variants';
import { useCoreApi } from '../core-api';
import { tempApp, type TempApp } from '../../helpers/temp-app';
import { appPlugins, settle } from './mount-helpers';

/**
 * Issue 15.12: the "Anlagen:" list of an imported Word file is offered as Anlage titles. Against
 * the real core: import the file from the list, go on to the new Vorlage, add files there.
 */
let t: TempApp;
/** What the next "Anlage hinzufügen" file dialog returns. */
let nextPick: ChosenFile | null = null;
let mounted: { unmount(): void } | null = null;

beforeAll(async () => {
  t = await tempApp({ demo: true });
  useCoreApi(t, { pickFile: async () => nextPick });
}, 60_000);
// A failed test must not leave its panel in the page for the next one.
afterEach(() => {
  mounted?.unmount();
  mounted = null;
  document.body.innerHTML = '';
});
afterAll(async () => {
  setApi(null);
  await t.close();
});

const pdf = (fileName: string): ChosenFile => {
  const bytes = Buffer.from('%PDF-1.4\n% Musterkreis\n');
  return { fileName, size: bytes.length, dataBase64: bytes.toString('base64') };
};

/**
 * Waits until the core answered and Vue rendered: the core's calls take real time, and the editor
 * view, loaded lazily, is compiled on first use, which takes long on a loaded machine.
 */
async function until(check: () => boolean, what: string, ms = 45_000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  await settle();
  expect(check(), what).toBe(true);
}

async function mountAt(path: string) {
  const { plugins, router } = appPlugins();
  await router.push(path);
  const Shell = defineComponent({ render: () => h(RouterView) });
  mounted = mount(Shell, { global: { plugins: [...plugins] }, attachTo: document.body });
  await settle(10);
  return router;
}

const hint = () => document.querySelector('[data-testid="anlagen-erwartet"]')?.textContent?.trim() ?? null;
const titleInputs = () => [...document.querySelectorAll<HTMLInputElement>('[data-testid="anlagen"] input.title-input')];
const importButton = () => [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === 'Word-Datei importieren …');
const addButton = () => [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === '+ Anlage hinzufügen');

/** Once the Vorlage is open: its "Anlagen" tab. */
async function openAnlagenTab() {
  await until(() => document.getElementById('tab-anlagen') !== null, 'the Vorlage is open');
  document.getElementById('tab-anlagen')!.click();
  await until(() => !!addButton(), 'the Anlagen tab is shown');
}

async function addAnlage(fileName: string) {
  const before = titleInputs().length;
  nextPick = pdf(fileName);
  addButton()!.click();
  await until(() => titleInputs().length === before + 1 && !addButton()!.disabled, `„${fileName}“ is added`);
}

describe('Anlagen titles from the Word file (issue 15.12)', () => {
  it('a file added to the imported Vorlage takes the next listed title, the hint names the titles still missing', async () => {
    const router = await mountAt('/vorlagen');
    await until(() => !!importButton() && !importButton()!.disabled, 'the list is loaded');
    importButton()!.click();
    await until(() => document.querySelector('.dropzone') !== null, 'the import dialog is open');
    const docx = await textAfterClosing();
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as DragEvent;
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [new File([new Uint8Array(docx)], 'Sprachfoerderung.docx')] } });
    document.querySelector('.dropzone')!.dispatchEvent(drop);
    await until(() => document.body.textContent!.includes('Sprachfoerderung.docx'), 'the file is chosen');
    document.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => document.querySelector('[data-testid="import-ergebnis"]') !== null, 'the import result is shown');
    [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Zur Vorlage'))!.click();
    await until(() => /^\/vorlagen\/\d+$/.test(router.currentRoute.value.fullPath), 'on to the new Vorlage');
    await openAnlagenTab();
    const paperId = Number(router.currentRoute.value.params.id);

    expect(hint()).toBe(`Aus der Word-Datei noch erwartet: „${ANLAGE}“, „Finanzierungsplan 2025“`);

    await addAnlage('scan_0001.pdf');
    expect(titleInputs().map((i) => i.value)).toEqual([ANLAGE]);
    expect(hint()).toBe('Aus der Word-Datei noch erwartet: „Finanzierungsplan 2025“');
    // Every title field suggests the listed titles.
    const listId = titleInputs()[0]!.getAttribute('list')!;
    expect([...document.getElementById(listId)!.querySelectorAll('option')].map((o) => o.value)).toEqual([ANLAGE, 'Finanzierungsplan 2025']);

    await addAnlage('scan_0002.pdf');
    expect(titleInputs().map((i) => i.value)).toEqual([ANLAGE, 'Finanzierungsplan 2025']);
    expect(hint()).toBeNull();
    // The list is used up: a further file is named after itself.
    await addAnlage('Stellungnahme-Jugendamt.pdf');
    expect(titleInputs().map((i) => i.value)).toEqual([ANLAGE, 'Finanzierungsplan 2025', 'Stellungnahme Jugendamt']);
    // What the core holds, as the export will print it.
    expect((await t.call('vorlagen.get', { ref: paperId })).attachments.map((a) => [a.title, a.fileName])).toEqual([
      [ANLAGE, 'scan_0001.pdf'],
      ['Finanzierungsplan 2025', 'scan_0002.pdf'],
      ['Stellungnahme Jugendamt', 'Stellungnahme-Jugendamt.pdf'],
    ]);
  }, 150_000);

  it('a Vorlage without such a list keeps the title from the file name, without hint or suggestions', async () => {
    const departments = await t.call('aemter.list', {});
    const paper = await t.call('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: departments[0]!.id, title: 'Ohne Anlagenliste' });
    await mountAt(`/vorlagen/${paper.id}`);
    await openAnlagenTab();
    expect(hint()).toBeNull();

    await addAnlage('Kennzahlen_Case-Management.pdf');
    expect(titleInputs().map((i) => i.value)).toEqual(['Kennzahlen Case Management']);
    expect(titleInputs()[0]!.hasAttribute('list')).toBe(false);
    expect(hint()).toBeNull();
  }, 120_000);
});

describe('which listed titles are still missing', () => {
  it('counts a title listed twice twice, ignores case and spaces, keeps list order, and forgets an empty list', () => {
    setActivePinia(createPinia());
    const store = useAnlagenAusWordStore();
    store.remember(5, ['Lageplan', ' Kostenplan ', 'Lageplan', '']);
    expect(store.titles(5)).toEqual(['Lageplan', 'Kostenplan', 'Lageplan']);
    expect(store.missing(5, [])).toEqual(['Lageplan', 'Kostenplan', 'Lageplan']);
    expect(store.missing(5, [{ title: 'lageplan ' }, { title: 'Anderes' }])).toEqual(['Kostenplan', 'Lageplan']);
    expect(store.missing(5, [{ title: 'Lageplan' }, { title: 'Lageplan' }, { title: 'Kostenplan' }])).toEqual([]);
    expect(store.missing(6, [])).toEqual([]);
    expect(store.missing(null, [])).toEqual([]);
    store.remember(5, []);
    expect(store.titles(5)).toEqual([]);
  });
});
