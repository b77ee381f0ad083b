import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempApp, tempDir, type TempApp } from '../../../helpers/temp-app.js';
import { convertWithLibreOffice, docxPackageProblems, positionsInOrder } from './helpers.js';
import { writeMusterkreisBundle } from './musterkreis-bundle.js';

/**
 * "Done when" of issue 4: the structure of seed 004, with fictional Musterkreis content, goes
 * through a bundle with Markdown sections, is exported as DOCX and read back via LibreOffice.
 */
let t: TempApp;
let soz: number;
let ord: number;
const out = tempDir('vw-seed004-');

beforeAll(async () => {
  t = await tempApp();
  await t.call('daten.import', { path: writeMusterkreisBundle(tempDir('vw-bundle-')) });
  const meetings = await t.call('sitzungen.list', {});
  soz = meetings.find((m) => m.start.startsWith('2025-03-12'))!.id;
  ord = meetings.find((m) => m.start.startsWith('2025-04-02'))!.id;
});
afterAll(() => t?.close());

describe('seed 004 structure through bundle → DOCX → LibreOffice', () => {
  it('prints header, Beratungsfolge, TOP, headings, the nine list items, closing line, signature and Anlage in order', async () => {
    const path = join(out, 'vorlage-soz.docx');
    const result = await t.call('vorlagen.exportDocx', { ref: '50/012/2025', meetingId: soz, path });
    const bytes = readFileSync(path);
    expect(result.letterhead).toBe(false);
    expect(await docxPackageProblems(bytes)).toEqual([]);

    const lo = await convertWithLibreOffice(bytes);
    try {
      positionsInOrder(lo.text, [
        '50.2 – Kommunales Integrationszentrum (KI)',
        /V\s?o\s?r\s?l\s?a\s?g\s?e/,
        'für den',
        'öffentlichen Sitzungsteil',
        'Gremium Datum Zuständigkeit',
        'Ausschuss für Soziales und Integration 12.03.2025 Kenntnisnahme',
        'Ausschuss für Ordnung und Sicherheit 02.04.2025 Kenntnisnahme',
        'Tagesordnungs-',
        'Kommunales Integrationsmanagement – Aktueller Sachstand',
        'Vorbemerkungen:',
        'Seit der letzten Sitzung des Ausschusses am 20.11.2024',
        'Erläuterungen:',
        'Stellen im strategischen Kommunalen Integrationsmanagement (Modul 1) und Arbeit der',
        'Stellen im Case Management (Modul 2) und Stand der Arbeit',
        ...[
          'Stadt Musterstadt seit dem 01.10.2024',
          'Gemeinde Beispielhausen und Gemeinde Lindenbach seit dem 01.10.2024',
          'Stadt Neuweiler seit dem 15.10.2024',
          'Gemeinde Ahornfeld seit dem 01.11.2024',
          'Stadt Kleinmusterau und Gemeinde Birkenhain seit dem 15.11.2024',
          'Gemeinde Eichenried seit dem 01.12.2024',
          'Stadt Tannstett seit dem 01.01.2025',
          'Gemeinde Weidental seit dem 01.02.2025',
          'Stadt Erlenbrück und Gemeinde Moosach seit dem 01.03.2025',
        ].map((item, i) => new RegExp(`(^|\\n)${i + 1}\\. ${item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)),
        'Die neuen Kolleginnen und Kollegen',
        'Zur Sitzung des Ausschusses für Soziales und Integration am 12.03.2025.',
        'Im Auftrag',
        '(Leitung des Kommunalen Integrationszentrums)',
        'Anlage: Geschäftsordnung der Lenkungsgruppe KIM (Entwurf)',
      ]);
      // The TOP number of this Sitzung is printed with the label.
      expect(lo.text).toMatch(/Tagesordnungs-[^]{0,100}\n7\n/);
    } finally {
      await lo.cleanup();
    }
  }, 180_000);

  it('printed for the second committee’s Sitzung: that committee in the closing line, both Beratungen in the table', async () => {
    const path = join(out, 'vorlage-ord.docx');
    await t.call('vorlagen.exportDocx', { ref: '50/012/2025', meetingId: ord, path });
    const lo = await convertWithLibreOffice(readFileSync(path));
    try {
      positionsInOrder(lo.text, [
        'Ausschuss für Soziales und Integration 12.03.2025 Kenntnisnahme',
        'Ausschuss für Ordnung und Sicherheit 02.04.2025 Kenntnisnahme',
        'Zur Sitzung des Ausschusses für Ordnung und Sicherheit am 02.04.2025.',
        'Im Auftrag',
      ]);
      expect(lo.text).not.toContain('Zur Sitzung des Ausschusses für Soziales und Integration');
      expect(lo.text).toMatch(/Tagesordnungs-[^]{0,100}\n4\n/);
    } finally {
      await lo.cleanup();
    }
  }, 180_000);

  it('records each export as an AuditEvent with path, format and SHA-256 of the written file', async () => {
    const path = join(out, 'vorlage-audit.docx');
    const result = await t.call('vorlagen.exportDocx', { ref: '50/012/2025', meetingId: soz, path });
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(result).toMatchObject({ path, sha256: sha });
    const { events } = await t.call('vorlagen.history', { ref: '50/012/2025' });
    const event = events.find((e) => e.action === 'export' && (e.details as { path?: string }).path === path)!;
    expect(event.details).toMatchObject({ format: 'docx', path, sha256: sha, bytes: result.bytes });
  });
});
