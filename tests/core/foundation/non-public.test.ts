import { afterEach, describe, expect, it } from 'vitest';
import { tempApp, type TempApp } from '../../helpers/temp-app.js';

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('a Vorlage that becomes non-public', () => {
  it('leaves the public part of every agenda and takes its Anlagen with it', async () => {
    t = await tempApp({ demo: true });
    const paper = (await t.call('vorlagen.list', { text: 'Integrationsfonds' }))[0]!;
    const before = await t.app.store.agenda.forPaper(paper.id);
    expect(before.some((i) => i.public)).toBe(true);
    await t.call('anlagen.add', { paperId: paper.id, title: 'Antragsliste', fileName: 'antraege.pdf', public: true, dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') });

    // Released in the demo: the text is locked until the Freigabe is withdrawn.
    await t.call('freigabe.withdraw', { ref: paper.id, reason: 'wird nichtöffentlich beraten' });
    await t.call('vorlagen.save', { id: paper.id, public: false });

    const after = await t.app.store.agenda.forPaper(paper.id);
    expect(after.length).toBe(before.length);
    expect(after.every((i) => !i.public)).toBe(true);
    expect((await t.call('vorlagen.get', { ref: paper.id })).attachments.every((a) => !a.public)).toBe(true);
    const meeting = await t.call('sitzungen.get', { id: after[0]!.meetingId });
    const publicTitles = meeting.agenda.filter((i) => i.public).map((i) => i.title);
    expect(publicTitles).not.toContain(paper.title);
  });

  it('is refused once the Vorlage was deliberated in public, and nothing changes', async () => {
    t = await tempApp({ demo: true });
    const done = (await t.call('vorlagen.list', { status: 'erledigt' })).find((p) => p.public)!;
    const r = await t.dispatch('vorlagen.save', { id: done.id, public: false });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('bereits im öffentlichen Teil beraten') } });
    expect((await t.call('vorlagen.get', { ref: done.id })).public).toBe(true);
  });
});

describe('a new Vorlage', () => {
  it('starts with its template default texts, and an unknown template is refused', async () => {
    t = await tempApp({ demo: true });
    const ki = (await t.call('aemter.list', {})).find((d) => d.key === 'ki')!;
    const paper = await t.call('vorlagen.create', { template: 'sachstandsbericht', departmentId: ki.id, title: 'Sachstand 2030', year: 2030 });
    const { docToPlainText } = await import('../../../electron/shared/plain-text.js');
    const text = docToPlainText(paper.sections.erlaeuterungen!);
    expect(text).toMatch(/Modul 1/);
    expect(text).toMatch(/Ausblick/);
    expect(JSON.stringify(paper.sections)).not.toContain('{{');
    const unknown = await t.dispatch('vorlagen.create', { template: 'gibtsnicht', departmentId: ki.id, title: 'X' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Die Vorlagenart „gibtsnicht“ gibt es nicht.' } });
  });
});
