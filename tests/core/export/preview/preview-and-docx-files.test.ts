import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileGuardedDispatch } from '../../../../electron/host/file-policy.js';
import { Outbox } from '../../../../electron/host/outbox.js';
import type { TransportResponse } from '../../../../electron/shared/transport.js';
import { tempApp, type TempApp } from '../../../helpers/temp-app.js';

/**
 * The renderer cannot name output paths: the live preview and the DOCX export reach it as
 * outbox files (web mode and Electron use the same guarded dispatch).
 */
let t: TempApp;
let outbox: Outbox;
let guarded: ReturnType<typeof createFileGuardedDispatch>;
let reference: string;

beforeAll(async () => {
  t = await tempApp({ demo: true });
  outbox = new Outbox();
  guarded = createFileGuardedDispatch({ dispatch: t.dispatch, outbox, dataDir: t.dir });
  const papers = await t.call('vorlagen.list', { text: 'Sachstand' });
  reference = papers[0]!.reference;
});
afterAll(async () => {
  outbox.close();
  await t.close();
});

const fileOf = (response: TransportResponse) => {
  if (!response.ok || !('file' in response) || !response.file) throw new Error(JSON.stringify(response));
  return { file: response.file, path: outbox.get(response.file.id)!.path };
};

describe('vorlagen.previewFile', () => {
  it('writes the printed HTML of the Vorlage without recording an export', async () => {
    const before = (await t.call('vorlagen.history', { ref: reference })).events.length;
    const { file, path } = fileOf(await guarded('vorlagen.previewFile', { ref: reference }));
    expect(file.mediaType).toBe('text/html');
    const html = fs.readFileSync(path, 'utf8');
    expect(html.trimStart().toLowerCase()).toMatch(/^<!doctype html>/);
    expect(html).toContain('Kommunales Integrationsmanagement');
    expect(html).toContain(reference);
    const after = (await t.call('vorlagen.history', { ref: reference })).events.length;
    expect(after).toBe(before);
  });

  it('prints the closing line for the chosen Sitzung', async () => {
    const paper = await t.call('vorlagen.get', { ref: reference });
    const meetingId = paper.consultations.find((c) => c.meetingId !== null)!.meetingId!;
    const meeting = (await t.call('sitzungen.get', { id: meetingId })).meeting;
    const { path } = fileOf(await guarded('vorlagen.previewFile', { ref: reference, meetingId }));
    const [y, m, d] = meeting.start.slice(0, 10).split('-');
    expect(fs.readFileSync(path, 'utf8')).toContain(`${d}.${m}.${y}`);
  });

  it('refuses an unknown Sitzung in German and leaves no file behind', async () => {
    const response = await guarded('vorlagen.previewFile', { ref: reference, meetingId: 999_999 });
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.error.message).toMatch(/Sitzung 999999 wurde nicht gefunden/);
  });
});

describe('vorlagen.exportDocx through the guarded dispatch', () => {
  it('hands back a DOCX named after the Vorlage number', async () => {
    const { file, path } = fileOf(await guarded('vorlagen.exportDocx', { ref: reference }));
    expect(file.fileName).toBe(`Vorlage-${reference.replaceAll('/', '-')}.docx`);
    const bytes = fs.readFileSync(path);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
