import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPaperDocxWithLetterhead } from '../../../../electron/core/export/docx/letterhead.js';
import { renderMeetingDocx } from '../../../../electron/core/export/docx/meeting.js';
import { renderPaperDocx } from '../../../../electron/core/export/docx/paper.js';
import { renderResultDocx } from '../../../../electron/core/export/docx/result.js';
import { builtinTemplatesDir } from '../../../../electron/core/templates/index.js';
import { renderExtractDocx, renderMinutesDocx } from '../../../../electron/core/export/docx/minutes.js';
import { buildExtractPrintModel, buildMinutesPrintModel } from '../../../../electron/core/export/minutes-model.js';
import { minutesInput } from '../../minutes/minutes-fixture.js';
import { musterkreisMeetingModel, musterkreisPaperModel, musterkreisResultModel } from '../docx/musterkreis-fixture.js';

/**
 * Issue 14.8: the letterhead of page 1 is the first-page header (w:titlePg), as in a Word
 * letterhead, not body text; pages 2+ carry the running header. A Hausvorlage keeps its own
 * headers.
 */
const text = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

/** The text of the body and of the first section's header of each type (first, default, even), as Word reads them. */
async function parts(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const document = await zip.file('word/document.xml')!.async('string');
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  const target = (id: string) => new RegExp(`<Relationship\\b[^>]*\\bId="${id}"[^>]*>`).exec(rels)![0].match(/Target="([^"]+)"/)![1]!;
  const headers: Record<string, string> = {};
  for (const m of document.matchAll(/<w:headerReference\b[^>]*>/g)) {
    const type = /w:type="(\w+)"/.exec(m[0])![1]!;
    const id = /r:id="(\w+)"/.exec(m[0])![1]!;
    // The first section's (a Niederschrift's non-public part is a section of its own).
    if (type in headers) continue;
    headers[type] = text(await zip.file(`word/${target(id)}`)!.async('string'));
  }
  const body = document.slice(document.indexOf('<w:body>'), document.lastIndexOf('<w:sectPr'));
  return { body: text(body), headers, titlePage: /<w:titlePg(?:\s+w:val="(?:1|true|on)")?\s*\/>/.test(document) };
}

describe('DOCX letterhead in the first-page header (issue 14.8)', () => {
  it('Vorlage: Körperschaft, Amt, Vorlage-Nr. and Datum in the first-page header, not in the text; Amt and number on pages 2+', async () => {
    const doc = await parts(await renderPaperDocx(musterkreisPaperModel()));
    expect(doc.titlePage).toBe(true);
    expect(doc.headers.first).toBe('Musterkreis\tVorlage-Nr.: 50/012/2025' + '50.2 – Kommunales Integrationszentrum (KI)\tDatum: 24.02.2025');
    expect(doc.headers.default).toBe('50.2 – Kommunales Integrationszentrum (KI)\tVorlage 50/012/2025');
    expect(doc.body).not.toContain('Vorlage-Nr.');
    expect(doc.body).not.toContain('Datum: 24.02.2025');
    expect(doc.body).not.toContain('50.2 – Kommunales Integrationszentrum');
    expect(doc.body.startsWith('Vorlage')).toBe(true);
  });

  it('non-public Vorlage: the first-page header says "nichtöffentlich" above the letterhead', async () => {
    const model = musterkreisPaperModel();
    const doc = await parts(await renderPaperDocx({ ...model, paper: { ...model.paper, public: false } }));
    expect(doc.headers.first).toMatch(/^nichtöffentlichMusterkreis\tVorlage-Nr\.: 50\/012\/2025/);
    expect(doc.headers.default).toBe('50.2 – Kommunales Integrationszentrum (KI)\tVorlage 50/012/2025 – nichtöffentlich');
  });

  it('Einladung and Beratungsergebnis: the letterhead is the first-page header', async () => {
    const invitation = await parts(await renderMeetingDocx(musterkreisMeetingModel()));
    expect(invitation.titlePage).toBe(true);
    expect(invitation.headers.first).toBe('MusterkreisDie Vorsitzende des Ausschusses für Soziales und Integration\tDatum: 26.02.2025');
    expect(invitation.body).not.toContain('Datum: 26.02.2025');
    expect(invitation.body.startsWith('An die Mitglieder')).toBe(true);

    const agendaOnly = await parts(await renderMeetingDocx(musterkreisMeetingModel(), { parts: { einladung: false } }));
    expect(agendaOnly.headers.first).toContain('Datum: 26.02.2025');
    expect(agendaOnly.body.startsWith('Tagesordnung')).toBe(true);

    const result = await parts(await renderResultDocx(musterkreisResultModel()));
    expect(result.headers.first).toBe('MusterkreisAn: 50.2 – Kommunales Integrationszentrum (KI)');
    expect(result.body).not.toContain('An: 50.2');
  });

  it('Niederschrift and Auszug: the letterhead is the first-page header; a non-public Auszug has its mark above it', async () => {
    const minutes = await parts(await renderMinutesDocx(buildMinutesPrintModel(minutesInput(), 'members')));
    expect(minutes.titlePage).toBe(true);
    expect(minutes.headers.first).toBe('MusterkreisAusschuss für Soziales und Integration');
    expect(minutes.body.startsWith('Niederschrift')).toBe(true);

    const extract = await parts(await renderExtractDocx(buildExtractPrintModel(minutesInput(), '4')));
    expect(extract.headers.first).toMatch(/^MusterkreisAusschuss für Soziales und Integration/);
    expect(extract.body.startsWith('Auszug aus der Niederschrift')).toBe(true);
    const nonPublic = await parts(await renderExtractDocx(buildExtractPrintModel(minutesInput(), '8')));
    expect(nonPublic.headers.first).toMatch(/^Nichtöffentlich.*Musterkreis/i);
  });

  it('Hausvorlage: its own headers stay as they are, none of ours is added', async () => {
    const letterhead = await readFile(join(builtinTemplatesDir(), 'hausvorlage', 'musterkreis-briefkopf.docx'));
    const own = await parts(letterhead);
    const doc = await parts(await renderPaperDocxWithLetterhead(musterkreisPaperModel(), letterhead));
    expect(Object.keys(own.headers).length).toBeGreaterThan(0);
    expect(doc.titlePage).toBe(own.titlePage);
    // Placeholders in the headers are filled in; everything else is the Hausvorlage's.
    const filled = (t: string) => t.replace('{{vorlage_nr}}', '50/012/2025').replace('{{datum}}', '24.02.2025').replace('{{amt}}', '50.2 – Kommunales Integrationszentrum (KI)').replace('{{koerperschaft}}', 'Musterkreis');
    expect(doc.headers).toEqual(Object.fromEntries(Object.entries(own.headers).map(([k, v]) => [k, filled(v)])));
  });
});
