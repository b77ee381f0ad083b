import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docToPlainText } from '../../../electron/shared/plain-text.js';
import {
  expandPlaceholders,
  formatTemplateError,
  getTemplate,
  loadTemplates,
  renderClosingLine,
  templateDefaults,
  TemplateNotFoundError,
} from '../../../electron/core/templates/index.js';

const userDir = () => mkdtempSync(join(tmpdir(), 'vw-templates-'));

const valid = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Eigene ${id}`,
  defaultRole: 'kenntnisnahme',
  sections: [{ key: 'sachverhalt', title: 'Sachverhalt', required: true, defaultText: 'Im Jahr {{jahr}} …' }],
  closingLine: 'Zur Sitzung {{gremium.genitive}} am {{sitzung.datum}}.',
  signature: { greeting: 'Im Auftrag', signatory: '{{amt.unterzeichnung}}' },
  attachments: { singular: 'Anlage:', plural: 'Anlagen:' },
  ...extra,
});

describe('built-in templates', () => {
  it('load without errors and have the sections the issue asks for', () => {
    const { templates, errors } = loadTemplates();
    expect(errors).toEqual([]);
    const byId = Object.fromEntries(templates.map((t) => [t.id, t]));
    expect(byId.mitteilungsvorlage?.defaultRole).toBe('kenntnisnahme');
    expect(byId.mitteilungsvorlage?.sections.map((s) => s.title)).toEqual(['Vorbemerkungen', 'Erläuterungen']);
    expect(byId.beschlussvorlage?.defaultRole).toBe('entscheidung');
    expect(byId.beschlussvorlage?.sections.map((s) => s.title)).toEqual(
      expect.arrayContaining(['Vorbemerkungen', 'Erläuterungen', 'Beschlussvorschlag', 'Finanzielle Auswirkungen']),
    );
    expect(byId.sachstandsbericht?.sections.find((s) => s.key === 'erlaeuterungen')?.defaultMarkdown).toMatch(/Modul 1[\s\S]*Modul 2[\s\S]*Lenkungsgruppe[\s\S]*Ausblick/);
    for (const t of templates) {
      expect(t.source).toBe('builtin');
      expect(t.closingLine).toBe('Zur Sitzung {{gremium.genitive}} am {{sitzung.datum}}.');
      expect(t.signature.greeting).toBe('Im Auftrag');
      expect(t.attachments).toEqual({ singular: 'Anlage:', plural: 'Anlagen:' });
    }
  });

  it('give a new Vorlage its default texts with placeholders expanded once', () => {
    const t = getTemplate('sachstandsbericht');
    const { title, sections } = templateDefaults(t, { jahr: '2025', vorjahr: '2024' });
    expect(title).toBe('Kommunales Integrationsmanagement – Sachstand 2025');
    const text = docToPlainText(sections.erlaeuterungen!);
    expect(text).toContain('Case Management (Modul 2)');
    expect(text).toContain('Vorhaben für das Jahr 2025');
    expect(sections.erlaeuterungen!.content.filter((b) => b.type === 'heading')).toHaveLength(4);
    expect(docToPlainText(sections.vorbemerkungen!)).toContain('im Jahr 2024');
  });

  it('render the closing line; values are inserted literally, never expanded again', () => {
    const t = getTemplate('mitteilungsvorlage');
    expect(renderClosingLine(t, { 'gremium.genitive': 'des Ausschusses für Soziales und Integration', 'sitzung.datum': '12.03.2025' })).toBe(
      'Zur Sitzung des Ausschusses für Soziales und Integration am 12.03.2025.',
    );
    expect(renderClosingLine(t, { 'gremium.genitive': 'des {{sitzung.datum}}-Ausschusses', 'sitzung.datum': '12.03.2025' })).toBe(
      'Zur Sitzung des {{sitzung.datum}}-Ausschusses am 12.03.2025.',
    );
    expect(expandPlaceholders('{{jahr}} / {{vorjahr}}', { jahr: '2025' })).toBe('2025 / …');
  });

  it('unknown template ids are a NOT_FOUND error', () => {
    expect(() => getTemplate('gibt-es-nicht')).toThrow(TemplateNotFoundError);
  });
});

describe('user templates', () => {
  it('are listed with the built-in ones; a folder template reads its Markdown file', () => {
    const dir = userDir();
    mkdirSync(join(dir, 'integrationsrat'));
    writeFileSync(
      join(dir, 'integrationsrat', 'template.json'),
      JSON.stringify(valid('integrationsrat', { sections: [{ key: 'text', title: 'Text', required: true, defaultFile: 'text.md' }] })),
    );
    writeFileSync(join(dir, 'integrationsrat', 'text.md'), '## Bericht {{jahr}}\n');
    writeFileSync(join(dir, 'kurz.json'), JSON.stringify(valid('kurz')));
    const { templates, errors } = loadTemplates({ userDir: dir });
    expect(errors).toEqual([]);
    const ids = templates.map((t) => `${t.id}:${t.source}`);
    expect(ids).toEqual(expect.arrayContaining(['mitteilungsvorlage:builtin', 'integrationsrat:user', 'kurz:user']));
    expect(templates.find((t) => t.id === 'integrationsrat')?.sections[0]?.defaultMarkdown).toBe('## Bericht {{jahr}}\n');
  });

  it('a bad file reports file and field; the other templates still load', () => {
    const dir = userDir();
    const missingField = valid('ohne-schluss') as Record<string, unknown>;
    delete missingField.closingLine;
    writeFileSync(join(dir, 'ohne-schluss.json'), JSON.stringify(missingField));
    writeFileSync(join(dir, 'platzhalter.json'), JSON.stringify(valid('platzhalter', { closingLine: 'Zur Sitzung {{gremium.genitiv}}.' })));
    mkdirSync(join(dir, 'md-fehler'));
    writeFileSync(
      join(dir, 'md-fehler', 'template.json'),
      JSON.stringify(valid('md-fehler', { sections: [{ key: 'a', title: 'A', required: true, defaultFile: 'a.md' }] })),
    );
    writeFileSync(join(dir, 'md-fehler', 'a.md'), 'Text {{sitzung.raum}}');
    writeFileSync(join(dir, 'kaputt.json'), '{ "id": ');
    writeFileSync(join(dir, 'extra.json'), JSON.stringify(valid('extra', { farbe: 'blau' })));
    writeFileSync(join(dir, 'falsche-id.json'), JSON.stringify(valid('andere-id')));
    writeFileSync(join(dir, 'gut.json'), JSON.stringify(valid('gut')));

    const { templates, errors } = loadTemplates({ userDir: dir });
    expect(templates.map((t) => t.id)).toContain('gut');
    expect(templates.map((t) => t.id)).toContain('mitteilungsvorlage');
    const messages = errors.map(formatTemplateError);
    expect(messages).toContain('ohne-schluss.json: closingLine: Pflichtfeld fehlt');
    expect(messages.find((m) => m.startsWith('platzhalter.json: closingLine: unbekannter Platzhalter „{{gremium.genitiv}}“'))).toBeDefined();
    expect(messages.find((m) => m.startsWith('md-fehler/a.md: sections[0].defaultFile: unbekannter Platzhalter „{{sitzung.raum}}“'))).toBeDefined();
    expect(messages.find((m) => m.startsWith('kaputt.json: kein gültiges JSON'))).toBeDefined();
    expect(messages.find((m) => m.startsWith('extra.json: farbe: '))).toBeDefined();
    expect(messages.find((m) => m.startsWith('falsche-id.json: id: '))).toBeDefined();
    expect(errors).toHaveLength(6);
  });

  it('reports a missing Markdown file and an unclosed placeholder', () => {
    const dir = userDir();
    mkdirSync(join(dir, 'abc'));
    writeFileSync(join(dir, 'abc', 'template.json'), JSON.stringify(valid('abc', { sections: [{ key: 'a', title: 'A', required: true, defaultFile: 'fehlt.md' }] })));
    writeFileSync(join(dir, 'xyz.json'), JSON.stringify(valid('xyz', { closingLine: 'Zur Sitzung {{gremium.genitive am …' })));
    const messages = loadTemplates({ userDir: dir }).errors.map(formatTemplateError);
    expect(messages).toContain('abc/template.json: sections[0].defaultFile: Datei „fehlt.md“ fehlt');
    expect(messages.find((m) => m.startsWith('xyz.json: closingLine: nicht geschlossener Platzhalter'))).toBeDefined();
  });

  it('a user template may replace a built-in one and is marked so', () => {
    const dir = userDir();
    writeFileSync(join(dir, 'mitteilungsvorlage.json'), JSON.stringify(valid('mitteilungsvorlage')));
    const t = getTemplate('mitteilungsvorlage', { userDir: dir });
    expect(t.source).toBe('user');
    expect(t.overridesBuiltin).toBe(true);
  });

  it('a missing user folder simply means no user templates', () => {
    const { templates, errors } = loadTemplates({ userDir: join(userDir(), 'gibt-es-nicht') });
    expect(errors).toEqual([]);
    expect(templates.every((t) => t.source === 'builtin')).toBe(true);
  });
});
