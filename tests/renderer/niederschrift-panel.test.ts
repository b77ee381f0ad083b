// @vitest-environment happy-dom
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { ChromiumPdfRenderer } from '../../electron/core/export/pdf/chromium-renderer';
import { usePdfRenderer } from '../../electron/core/export/pdf/pdf-services';
import { createFileGuardedDispatch } from '../../electron/host/file-policy';
import { Outbox } from '../../electron/host/outbox';
import type { OutputFile } from '../../electron/shared/transport';
import { setApi } from '../../renderer/src/api';
import { createApi } from '../../renderer/src/api/client';
import NiederschriftPanel from '../../renderer/src/components/gremien/NiederschriftPanel.vue';
import ToastHost from '../../renderer/src/components/ToastHost.vue';
import { docxPart } from '../core/export/docx/helpers';
import { tempApp, type TempApp } from '../helpers/temp-app';
import { flush, mountWithApp } from './helpers';

/**
 * The Niederschrift panel (issue 17) against the real core on the Musterkreis demo, whose
 * Sitzungen lie relative to today: the 11th Sitzung of the Sozialausschuss (soz-3) is past and
 * still open for results, the 12th (soz-4) is ahead and has the TOP that is to approve it.
 */
let t: TempApp;
let outbox: Outbox;
let soz3: { id: number; committeeId: number; start: string };
let soz4: number;
/** What the renderer asked the core, as it sent it (the adapter adds the output path afterwards). */
const calls: { method: string; params: Record<string, unknown> }[] = [];
let pending = 0;
const saved: OutputFile[] = [];
/** The save dialog's answer: false = the clerk cancelled it. */
let saveAnswer = true;
/** HTML handed to the PDF engine: Chromium is not needed to see what an Auszug PDF was made of. */
const printed: string[] = [];

beforeAll(async () => {
  usePdfRenderer(() => ({
    async render(html: string) {
      printed.push(html);
      const doc = await PDFDocument.create();
      doc.addPage([595, 842]);
      return doc.save();
    },
    async close() {},
  }));
  t = await tempApp({ demo: true });
  outbox = new Outbox(40, path.join(t.dir, 'ausgabe'));
  // Exports go through the adapters' file policy as in the app: the renderer names no path and gets an OutputFile.
  const guarded = createFileGuardedDispatch({ dispatch: t.dispatch, outbox, dataDir: t.dir });
  setApi(
    createApi({
      invoke: async (method, params) => {
        calls.push({ method, params: params as Record<string, unknown> });
        pending++;
        try {
          return await guarded(method, params);
        } finally {
          pending--;
        }
      },
      fileUrl: () => '',
      saveFile: async (file) => {
        saved.push(file);
        return saveAnswer;
      },
      pickFile: async () => null,
    }),
  );
  const meetings = await t.call('sitzungen.list', {});
  soz3 = meetings.find((m) => m.key === 'soz-3')!;
  soz4 = meetings.find((m) => m.key === 'soz-4')!.id;
}, 60_000);
afterAll(async () => {
  setApi(null);
  outbox?.close();
  await t?.close();
  usePdfRenderer(() => new ChromiumPdfRenderer());
});

/** Waits until the core answered every call and Vue rendered (the core's calls take real time). */
async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 300 && !(pending === 0 && check()); i++) await new Promise((r) => setTimeout(r, 10));
  await flush();
  expect(check(), what).toBe(true);
}

const mountPanel = (meetingId: number) => mountWithApp(defineComponent({ setup: () => () => [h(NiederschriftPanel, { meetingId }), h(ToastHost)] }));
type Wrapper = ReturnType<typeof mountPanel>;
const button = (w: Wrapper, text: string) => w.findAll('button').find((b) => b.text() === text)!;
const successToasts = (w: Wrapper) => w.findAll('.toast-success .toast-message').map((m) => m.text());
const loaded = (w: Wrapper) => w.find('[data-testid="pick-top-1"]').exists();
const callsOf = (method: string) => calls.filter((c) => c.method === method).map((c) => c.params);

describe('Auszug aus der Niederschrift', () => {
  it('exports the Auszug of the selected TOP as DOCX and as PDF, hands it to the save dialog and confirms only a saved file', async () => {
    const w = mountPanel(soz3.id);
    await until(() => loaded(w), 'the TOPs are listed');
    calls.length = 0;

    await w.find('[data-testid="pick-top-2"]').trigger('click');
    await button(w, 'Auszug DOCX').trigger('click');
    await until(() => successToasts(w).length > 0, 'the save is confirmed');
    expect(callsOf('niederschrift.auszug')).toEqual([{ meetingId: soz3.id, topNumber: '2', format: 'docx' }]);
    expect(saved.map((f) => f.fileName)).toEqual(['Auszug-TOP-2.docx']);
    expect(successToasts(w)).toEqual(['Niederschrift gespeichert.']);
    const docx = (await docxPart(fs.readFileSync(outbox.get(saved[0]!.id)!.path), 'word/document.xml')).replace(/<[^>]+>/g, '');
    expect(docx).toContain('Auszug aus der Niederschrift');
    expect(docx).toContain('Beratungsangebote für Neuzugewanderte');

    // Another TOP, as PDF: the Auszug follows the selection.
    await w.find('[data-testid="pick-top-4"]').trigger('click');
    await button(w, 'Auszug PDF').trigger('click');
    await until(() => saved.length === 2 && successToasts(w).length === 2, 'the second save is confirmed');
    expect(callsOf('niederschrift.auszug').at(-1)).toEqual({ meetingId: soz3.id, topNumber: '4', format: 'pdf' });
    expect(saved[1]!.fileName).toBe('Auszug-TOP-4.pdf');
    expect(printed.at(-1)).toContain('Benennung eines Mitglieds für den Beirat');

    // The clerk closes the save dialog: nothing is reported as saved.
    saveAnswer = false;
    await button(w, 'Auszug DOCX').trigger('click');
    await until(() => saved.length === 3, 'the save dialog was asked');
    await new Promise((r) => setTimeout(r, 50));
    expect(successToasts(w)).toHaveLength(2);
    expect(w.find('.toast-error').exists()).toBe(false);
    saveAnswer = true;
    w.unmount();
  });
});

describe('amended Beschluss wording', () => {
  const amended = 'Der Ausschuss nimmt die Standorte zur Kenntnis mit der Maßgabe, dass die Beratungsstelle Talheim auch dienstags öffnet.';

  it('saves what the clerk types with the result, shows it again when the TOP is picked again, and keeps it when the result is corrected', async () => {
    const w = mountPanel(soz3.id);
    await until(() => loaded(w), 'the TOPs are listed');
    calls.length = 0;

    await w.find('[data-testid="pick-top-2"]').trigger('click');
    await w.find('[data-testid="result-text"]').setValue('mit Änderung zur Kenntnis genommen');
    await w.find('[data-testid="result-resolution"]').setValue(amended);
    await w.find('form.result').trigger('submit');
    await until(() => successToasts(w).includes('Ergebnis zu TOP 2 gespeichert.'), 'the result is saved');
    expect(callsOf('niederschrift.result')).toEqual([
      expect.objectContaining({ agendaItemId: expect.any(Number), result: 'mit Änderung zur Kenntnis genommen', resolutionText: { format: 'markdown', text: amended } }),
    ]);
    const stored = async () => JSON.stringify((await t.call('niederschrift.get', { meetingId: soz3.id })).items.find((i) => i.number === '2')!.resolutionText);
    expect(await stored()).toContain('auch dienstags öffnet');

    // Another TOP and back: the wording is there to read and to correct.
    await w.find('[data-testid="pick-top-3"]').trigger('click');
    expect((w.find('[data-testid="result-text"]').element as HTMLInputElement).value).toBe('');
    await w.find('[data-testid="pick-top-2"]').trigger('click');
    expect((w.find('[data-testid="result-resolution"]').element as HTMLTextAreaElement).value).toBe(amended);

    // The votes are added afterwards: the amended wording must not fall back to the Beschlussvorschlag.
    await w.find('[data-testid="result-with-votes"]').setValue(true);
    await w.find('[data-testid="votes-yes"]').setValue(12);
    await w.find('form.result').trigger('submit');
    await until(() => callsOf('niederschrift.result').length === 2 && successToasts(w).filter((m) => m === 'Ergebnis zu TOP 2 gespeichert.').length === 2, 'the correction is saved');
    expect(await stored()).toContain('auch dienstags öffnet');
    expect((w.find('[data-testid="result-resolution"]').element as HTMLTextAreaElement).value).toBe(amended);
    w.unmount();
  });

  it('keeps the formatting of a stored wording the clerk leaves untouched (the field shows it as plain text)', async () => {
    const top2 = (await t.call('niederschrift.get', { meetingId: soz3.id })).items.find((i) => i.number === '2')!;
    const before = (await t.call('niederschrift.result', { meetingId: soz3.id, agendaItemId: top2.id, result: 'Kenntnis genommen', resolutionText: { format: 'markdown', text: 'Der Ausschuss nimmt die Standorte **mit Änderungen** zur Kenntnis.' } })).items.find((i) => i.number === '2')!.resolutionText;
    expect(JSON.stringify(before)).toContain('"marks":[{"type":"bold"}]');
    const w = mountPanel(soz3.id);
    await until(() => loaded(w), 'the TOPs are listed');
    await w.find('[data-testid="pick-top-2"]').trigger('click');
    expect((w.find('[data-testid="result-resolution"]').element as HTMLTextAreaElement).value).toBe('Der Ausschuss nimmt die Standorte mit Änderungen zur Kenntnis.');

    await w.find('[data-testid="result-text"]').setValue('einstimmig zur Kenntnis genommen');
    await w.find('form.result').trigger('submit');
    await until(() => successToasts(w).includes('Ergebnis zu TOP 2 gespeichert.'), 'the result is saved');
    const stored = (await t.call('niederschrift.get', { meetingId: soz3.id })).items.find((i) => i.number === '2')!;
    expect(stored.result).toBe('einstimmig zur Kenntnis genommen');
    expect(stored.resolutionText).toEqual(before);
    w.unmount();
  });
});

describe('minutes of a TOP (Protokoll)', () => {
  it('shows the stored minutes when the TOP is picked, keeps them through a corrected result, and removes them when the field is emptied', async () => {
    const top3 = (await t.call('niederschrift.get', { meetingId: soz3.id })).items.find((i) => i.number === '3')!;
    await t.call('niederschrift.result', { meetingId: soz3.id, agendaItemId: top3.id, result: 'Kenntnis genommen', minutes: { format: 'markdown', text: 'Frau Kaya berichtet über die **Eröffnung** der Beratungsstelle.' } });
    const minutesOf3 = async () => (await t.call('niederschrift.get', { meetingId: soz3.id })).items.find((i) => i.number === '3')!.minutes;
    const before = await minutesOf3();
    const w = mountPanel(soz3.id);
    await until(() => loaded(w), 'the TOPs are listed');
    await w.find('[data-testid="pick-top-3"]').trigger('click');
    const field = () => w.find('[data-testid="result-minutes"]').element as HTMLTextAreaElement;
    expect(field().value).toBe('Frau Kaya berichtet über die Eröffnung der Beratungsstelle.');

    // A corrected result text: the minutes stay as they were, bold included.
    await w.find('[data-testid="result-text"]').setValue('Bericht zur Kenntnis genommen');
    await w.find('form.result').trigger('submit');
    await until(() => successToasts(w).includes('Ergebnis zu TOP 3 gespeichert.'), 'the result is saved');
    expect(await minutesOf3()).toEqual(before);

    // Emptied: the minutes are gone from the record.
    await w.find('[data-testid="result-minutes"]').setValue('');
    await w.find('form.result').trigger('submit');
    await until(() => successToasts(w).filter((m) => m === 'Ergebnis zu TOP 3 gespeichert.').length === 2, 'the second save is done');
    expect(await minutesOf3()).toBeNull();
    expect(field().value).toBe('');
    w.unmount();
  });
});

describe('approval', () => {
  it('offers only a later Sitzung that has begun, then records the approval by its TOP', async () => {
    const approveNone = (w: Wrapper) => w.find('[data-testid="approve-none"]');
    const offered = (w: Wrapper) => w.findAll('[data-testid="approve-meeting"] option').map((o) => o.attributes('value'));

    // The 12th Sitzung has the approval TOP but lies ahead: not offered, the hint says what is needed.
    let w = mountPanel(soz3.id);
    await until(() => loaded(w) && callsOf('sitzungen.list').length > 0, 'the later Sitzungen were looked at');
    expect(approveNone(w).exists()).toBe(true);
    expect(approveNone(w).text()).toContain('sobald sie begonnen hat');
    expect(offered(w)).not.toContain(String(soz4));
    expect(w.find('[data-testid="approve-button"]').attributes('disabled')).toBeDefined();
    w.unmount();

    // A Sitzung of the Gremium that began today, with the approval TOP.
    const pad = (n: number) => String(n).padStart(2, '0');
    const today = new Date();
    const begun = await t.call('sitzungen.save', { committeeId: soz3.committeeId, start: `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}T00:00`, location: 'Kreishaus, Raum 101', state: 'einberufen' });
    const [y, mo, d] = soz3.start.slice(0, 10).split('-');
    await t.call('tagesordnung.add', { meetingId: begun.id, title: `Genehmigung der Niederschrift über die Sitzung vom ${d}.${mo}.${y}`, public: true });
    const approvingTop = (await t.call('sitzungen.get', { id: begun.id })).agenda.find((i) => i.title.startsWith('Genehmigung'))!;

    calls.length = 0;
    w = mountPanel(soz3.id);
    await until(() => loaded(w) && offered(w).includes(String(begun.id)), 'the begun Sitzung is offered');
    expect(approveNone(w).exists()).toBe(false);
    expect(offered(w)).toEqual([String(begun.id)]);
    const topSelect = w.find('[data-testid="approve-top"]');
    expect((topSelect.element as HTMLSelectElement).value).toBe(String(approvingTop.id));
    expect(topSelect.find(`option[value="${approvingTop.id}"]`).text()).toContain(`Genehmigung der Niederschrift über die Sitzung vom ${d}.${mo}.${y}`);
    expect(w.find('[data-testid="minutes-status"]').text()).not.toContain('Niederschrift genehmigt');

    await w.find('[data-testid="approve-button"]').trigger('click');
    await until(() => w.find('[data-testid="minutes-status"]').text().includes('Niederschrift genehmigt'), 'the panel shows the approval');
    expect(callsOf('niederschrift.approve')).toEqual([{ meetingId: soz3.id, byAgendaItemId: approvingTop.id }]);
    expect(w.find('[data-testid="minutes-status"]').text()).toBe('Stand: Niederschrift genehmigt');
    expect(successToasts(w)).toContain('Niederschrift genehmigt und archiviert.');
    expect((await t.call('niederschrift.get', { meetingId: soz3.id })).approval).toMatchObject({ meetingId: begun.id, agendaItemId: approvingTop.id });
    w.unmount();
  });
});
