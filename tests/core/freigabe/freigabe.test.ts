import fs from 'node:fs';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFingerprint, type TempApp } from '../../helpers/temp-app.js';
import { DEMO_NOW, demoApp, failure, meetingByKey, paperByKey } from '../workflow/fixtures.js';

let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A new Beschlussvorlage with every required section filled and costs stated. */
async function newBeschlussvorlage(t: TempApp, finance = 'Kosten: 12.000,00 €, gedeckt im Teilplan Integration.') {
  const dept = (await paperByKey(t, 'ehrenamt')).departmentId;
  const p = await t.call('vorlagen.create', { template: 'beschlussvorlage', departmentId: dept, title: 'Dolmetscherpool – Aufbau' });
  const doc = (text: string) => ({ type: 'doc' as const, content: text ? [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }] : [] });
  await t.call('vorlagen.save', {
    id: p.id,
    sections: { beschlussvorschlag: doc('Der Ausschuss beschließt den Aufbau eines Dolmetscherpools.'), erlaeuterungen: doc('Begründung.'), finanzielle_auswirkungen: doc(finance) },
  });
  return p;
}

describe('Freigabe: Mitzeichnung and release', () => {
  it('records each step with signer, function, time and the SHA-256 of the revision signed, then releases', async () => {
    t = await demoApp();
    const p = await newBeschlussvorlage(t);
    let state = await t.call('freigabe.get', { ref: p.reference });
    expect(state.status).toBe('entwurf');
    expect(state.steps.map((s) => s.step)).toEqual(['amtsleitung', 'kaemmerei']);

    state = await t.call('freigabe.approve', { ref: p.reference, step: 'amtsleitung', by: 'Erika Muster', function: 'Leiterin KI' });
    expect(state.status).toBe('in_mitzeichnung');
    const revision = (await t.call('vorlagen.history', { ref: p.id })).revisions.at(-1)!;
    expect(state.steps[0]!.approval).toMatchObject({ by: 'Erika Muster', function: 'Leiterin KI', revision: revision.number, revisionHash: revision.hash, at: DEMO_NOW.toISOString() });
    expect(revision.hash).toMatch(/^[0-9a-f]{64}$/);

    await t.call('freigabe.approve', { ref: p.reference, step: 'kaemmerei', by: 'Kurt Kasse' });
    state = await t.call('freigabe.release', { ref: p.reference, by: 'Erika Muster' });
    expect(state.status).toBe('freigegeben');
    expect(state.released).toMatchObject({ by: 'Erika Muster', revision: revision.number, revisionHash: revision.hash });
    expect(state.locked).toBe(true);
    const actions = (await t.call('vorlagen.history', { ref: p.id })).events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['mitzeichnung.erteilt', 'freigabe.erteilt']));
    expect(actions.filter((a) => a === 'mitzeichnung.erteilt')).toHaveLength(2);
  });

  it('needs the Kämmerei only when the Finanzielle Auswirkungen name costs', async () => {
    t = await demoApp();
    const p = await newBeschlussvorlage(t, 'keine');
    expect((await t.call('freigabe.get', { ref: p.id })).steps.map((s) => s.step)).toEqual(['amtsleitung']);
    await t.call('freigabe.setConfig', { steps: ['dezernat', 'amtsleitung', 'rechtsamt'], followUpRecommendations: false, amendmentSuffix: '{nummer}/{n}' });
    const costly = await newBeschlussvorlage(t);
    expect((await t.call('freigabe.get', { ref: costly.id })).steps.map((s) => s.step)).toEqual(['dezernat', 'amtsleitung', 'rechtsamt', 'kaemmerei']);
  });

  it('a content change after a signature voids it and says which steps must sign again', async () => {
    t = await demoApp();
    const p = await newBeschlussvorlage(t);
    await t.call('freigabe.approve', { ref: p.id, step: 'amtsleitung', by: 'Erika Muster' });
    const saved = await t.call('vorlagen.save', { id: p.id, title: 'Dolmetscherpool – Aufbau und Betrieb' });
    expect(saved.invalidatedSteps).toEqual(['amtsleitung']);
    const state = await t.call('freigabe.get', { ref: p.id });
    expect(state.status).toBe('entwurf');
    expect(state.steps[0]!.approval).toBeNull();
    expect(state.approvals[0]!.invalidatedReason).toBe(`Inhalt geändert (Stand ${saved.revision})`);
    expect((await failure(t.call('freigabe.release', { ref: p.id }))).message).toContain('es fehlt die Mitzeichnung durch Amtsleitung, Kämmerei');
    // A save that changes nothing voids nothing.
    await t.call('freigabe.approve', { ref: p.id, step: 'amtsleitung', by: 'Erika Muster' });
    expect((await t.call('vorlagen.save', { id: p.id, title: 'Dolmetscherpool – Aufbau und Betrieb' })).invalidatedSteps).toEqual([]);
  });

  it('refuses out-of-order, repeated and unknown steps, a release with a step missing or empty required sections, changing nothing', async () => {
    t = await demoApp();
    const p = await newBeschlussvorlage(t);
    const before = await databaseFingerprint(t.app);
    const outOfOrder = await failure(t.call('freigabe.approve', { ref: p.id, step: 'kaemmerei', by: 'Kurt Kasse' }));
    expect(outOfOrder).toEqual({ code: 'VALIDATION', message: 'Vor „Kämmerei“ muss zuerst mitzeichnen: Amtsleitung. Es wurde nichts gespeichert.' });
    const notPlanned = await failure(t.call('freigabe.approve', { ref: p.id, step: 'rechtsamt' }));
    expect(notPlanned.message).toContain('Der Schritt „Rechtsamt“ ist für die Vorlage');
    const missing = await failure(t.call('freigabe.release', { ref: p.id }));
    expect(missing).toEqual({ code: 'VALIDATION', message: `Die Vorlage ${p.reference} kann nicht freigegeben werden: es fehlt die Mitzeichnung durch Amtsleitung, Kämmerei.` });
    expect(await databaseFingerprint(t.app)).toBe(before);

    await t.call('freigabe.approve', { ref: p.id, step: 'amtsleitung', by: 'Erika Muster' });
    const once = await databaseFingerprint(t.app);
    const twice = await failure(t.call('freigabe.approve', { ref: p.id, step: 'amtsleitung', by: 'Erika Muster' }));
    expect(await databaseFingerprint(t.app)).toBe(once);
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toContain('Amtsleitung hat die Vorlage');
    expect(twice.message).toContain('bereits mitgezeichnet (Erika Muster, 01.03.2025');

    // Required sections empty: the Mitteilungsvorlage's Erläuterungen of the demo's "kita-sprache".
    const empty = await paperByKey(t, 'kita-sprache');
    await t.call('freigabe.approve', { ref: empty.id, step: 'amtsleitung', by: 'Erika Muster' });
    const before2 = await databaseFingerprint(t.app);
    const emptySections = await failure(t.call('freigabe.release', { ref: empty.id }));
    expect(emptySections).toEqual({ code: 'VALIDATION', message: `Die Vorlage ${empty.reference} kann nicht freigegeben werden: Pflichtabschnitte sind leer: Erläuterungen.` });
    expect(await databaseFingerprint(t.app)).toBe(before2);
  });

  it('locks the content after Freigabe until it is withdrawn (recorded); after a Beratung it cannot be withdrawn', async () => {
    t = await demoApp();
    const p = await newBeschlussvorlage(t, 'keine');
    await t.call('freigabe.approve', { ref: p.id, step: 'amtsleitung', by: 'Erika Muster' });
    await t.call('freigabe.release', { ref: p.id, by: 'Erika Muster' });
    const before = await databaseFingerprint(t.app);
    const locked = await failure(t.call('vorlagen.save', { id: p.id, title: 'Anders' }));
    expect(locked.code).toBe('CONFLICT');
    expect(locked.message).toContain('ist freigegeben und kann nicht mehr geändert werden');
    expect(await databaseFingerprint(t.app)).toBe(before);

    const state = await t.call('freigabe.withdraw', { ref: p.id, reason: 'Tippfehler im Titel' });
    expect(state.released).toBeNull();
    expect((await t.call('vorlagen.save', { id: p.id, title: 'Anders' })).changed).toBe(true);
    const events = (await t.call('vorlagen.history', { ref: p.id })).events;
    expect(events.find((e) => e.action === 'freigabe.zurueckgenommen')!.details).toMatchObject({ reason: 'Tippfehler im Titel' });

    // The demo's "sachstand-vorjahr" was dealt with by the Sozialausschuss.
    const dealt = await paperByKey(t, 'sachstand-vorjahr');
    const refused = await failure(t.call('freigabe.withdraw', { ref: dealt.id }));
    expect(refused).toEqual({ code: 'CONFLICT', message: `Die Vorlage ${dealt.reference} wurde bereits beraten; Änderungen nur noch als Ergänzungs- oder Änderungsvorlage.` });
  });

  it('"zurück an Sachbearbeitung" voids every signature and keeps the comment', async () => {
    t = await demoApp();
    const p = await newBeschlussvorlage(t);
    await t.call('freigabe.approve', { ref: p.id, step: 'amtsleitung', by: 'Erika Muster' });
    const state = await t.call('freigabe.return', { ref: p.id, comment: 'Bitte Kosten aufschlüsseln' });
    expect(state.status).toBe('entwurf');
    expect(state.steps.every((s) => s.approval === null)).toBe(true);
    expect(state.returned).toMatchObject({ by: 'test', comment: 'Bitte Kosten aufschlüsseln' });
  });
});

describe('Freigabe: the audit trail and the derived status', () => {
  it('records every step as an event of the Vorlage: signature, voided signature, return, Freigabe, withdrawal, Ergänzungsvorlage', async () => {
    t = await demoApp();
    const p = await newBeschlussvorlage(t, 'keine');
    const before = new Set((await t.call('vorlagen.history', { ref: p.id })).events.map((e) => e.id));
    await t.call('freigabe.approve', { ref: p.id, step: 'amtsleitung', by: 'Erika Muster', function: 'Leiterin KI' });
    await t.call('vorlagen.save', { id: p.id, title: 'Dolmetscherpool – Aufbau und Betrieb' });
    await t.call('freigabe.approve', { ref: p.id, step: 'amtsleitung', by: 'Erika Muster' });
    await t.call('freigabe.return', { ref: p.id, comment: 'Bitte Träger nennen' });
    await t.call('freigabe.approve', { ref: p.id, step: 'amtsleitung', by: 'Erika Muster' });
    await t.call('freigabe.release', { ref: p.id, by: 'Erika Muster' });
    await t.call('freigabe.withdraw', { ref: p.id, reason: 'Zahlen fehlen' });
    await t.call('freigabe.release', { ref: p.id, by: 'Erika Muster' });
    const history = await t.call('vorlagen.history', { ref: p.id });
    // The history lists the newest first.
    const events = history.events.filter((e) => !before.has(e.id)).sort((a, b) => a.id - b.id);
    expect(events.map((e) => e.action)).toEqual(['mitzeichnung.erteilt', 'mitzeichnung.ungueltig', 'mitzeichnung.erteilt', 'vorlage.zurueckgegeben', 'mitzeichnung.erteilt', 'freigabe.erteilt', 'freigabe.zurueckgenommen', 'freigabe.erteilt']);
    const find = (action: string) => events.filter((e) => e.action === action);
    expect(find('mitzeichnung.erteilt')[0]!.details).toMatchObject({ step: 'amtsleitung', by: 'Erika Muster' });
    expect(find('mitzeichnung.ungueltig')).toHaveLength(1);
    expect(find('vorlage.zurueckgegeben')[0]!.details).toMatchObject({ comment: 'Bitte Träger nennen', steps: ['amtsleitung'] });
    expect(find('freigabe.zurueckgenommen')[0]!.details).toMatchObject({ reason: 'Zahlen fehlen' });
    const lastRevision = history.revisions.at(-1)!;
    expect(find('freigabe.erteilt').at(-1)!.details).toMatchObject({ by: 'Erika Muster', revision: lastRevision.number, sha256: lastRevision.hash });

    const original = await paperByKey(t, 'sachstand-vorjahr');
    const amendment = await t.call('freigabe.amend', { ref: original.id, kind: 'ergaenzung' });
    const originalEvents = (await t.call('vorlagen.history', { ref: original.id })).events;
    expect(originalEvents.find((e) => e.action === 'vorlage.ergaenzung')!.details).toMatchObject({ amendment: amendment.reference, amendmentId: amendment.paperId });
  });

  it('derives the status from what is recorded: a dealt-with Vorlage reads „erledigt“, a released one on an agenda „in Beratung“', async () => {
    t = await demoApp();
    expect((await t.call('freigabe.get', { ref: (await paperByKey(t, 'sachstand-vorjahr')).id })).status).toBe('erledigt');
    expect((await t.call('freigabe.get', { ref: (await paperByKey(t, 'integrationsfonds')).id })).status).toBe('in_beratung');
    const p = await newBeschlussvorlage(t, 'keine');
    await t.call('freigabe.approve', { ref: p.id, step: 'amtsleitung', by: 'Erika Muster' });
    expect((await t.call('freigabe.release', { ref: p.id, by: 'Erika Muster' })).status).toBe('freigegeben');
  });
});

describe('Freigabe gate before the Sitzungsmappe', () => {
  it('lets an unreleased Vorlage onto the agenda but refuses both pack variants naming it, writing nothing', async () => {
    t = await demoApp();
    const p = await newBeschlussvorlage(t);
    const meeting = await meetingByKey(t, 'soz-4');
    const soz = await t.app.store.committees.find('soz');
    await t.call('beratungen.add', { paperId: p.id, committeeId: soz!.id, role: 'entscheidung', meetingId: meeting.id });
    const item = (await t.call('sitzungen.get', { id: meeting.id })).agenda.find((i) => i.paperId === p.id)!;

    for (const variant of ['public', 'members'] as const) {
      const out = `${t.dir}/mappe-${variant}.pdf`;
      const before = await databaseFingerprint(t.app);
      const refused = await failure(t.call('sitzungen.pack', { meetingId: meeting.id, variant, path: out }));
      expect(refused).toEqual({ code: 'CONFLICT', message: `Die Sitzungsmappe der Sitzung vom 12.03.2025 wurde nicht erstellt: nicht freigegeben ist die Vorlage ${p.reference} (TOP ${item.number}).` });
      expect(await databaseFingerprint(t.app)).toBe(before);
      expect(fs.existsSync(out)).toBe(false);
    }
    // The Einladung with Tagesordnung may go out, but marks the TOP.
    const einladung = `${t.dir}/einladung.docx`;
    await t.call('sitzungen.exportEinladungDocx', { meetingId: meeting.id, variant: 'members', path: einladung });
    const xml = await (await JSZip.loadAsync(fs.readFileSync(einladung))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Dolmetscherpool – Aufbau (Vorlage noch nicht freigegeben)');
    expect(text.match(/noch nicht freigegeben/g)).toHaveLength(1);

    const blockers = await t.call('freigabe.blockers', {});
    expect(blockers.find((b) => b.meetingId === meeting.id)!.papers.map((x) => x.reference)).toEqual([p.reference]);
  });

  it('the demo Vorlagen on agendas are released, so the demo has no blockers', async () => {
    t = await demoApp();
    expect(await t.call('freigabe.blockers', {})).toEqual([]);
    expect((await t.call('freigabe.get', { ref: (await paperByKey(t, 'integrationsfonds')).id })).steps.map((s) => s.approval?.by)).toEqual(['Dr. Jana Winterfeld', 'Ulrike Sandmann']);
    expect((await t.call('freigabe.get', { ref: (await paperByKey(t, 'ehrenamt')).id })).status).toBe('in_mitzeichnung');
  });
});

describe('Ergänzungs- und Änderungsvorlage', () => {
  it('creates a linked Vorlage numbered after the released original, printed with a reference to it', async () => {
    t = await demoApp();
    const original = await paperByKey(t, 'sachstand-vorjahr');
    const state = await t.call('freigabe.amend', { ref: original.id, kind: 'ergaenzung' });
    expect(state.reference).toBe(`${original.reference}/1`);
    expect(state.status).toBe('entwurf');
    expect(state.amends).toEqual({ id: original.id, reference: original.reference, kind: 'ergaenzung' });
    const amendment = await t.call('vorlagen.get', { ref: state.paperId });
    expect(amendment.title).toBe(`Ergänzung: ${original.title}`);
    expect(amendment.sections).toEqual(original.sections);
    // It is a Vorlage of its own: editable, with its own Freigabe.
    expect((await t.call('vorlagen.save', { id: amendment.id, title: 'Ergänzung zum Sachstand' })).changed).toBe(true);
    const second = await t.call('freigabe.amend', { ref: original.id, kind: 'aenderung', title: 'Änderung zum Sachstand' });
    expect(second.reference).toBe(`${original.reference}/2`);

    const html = `${t.dir}/ergaenzung.html`;
    await t.call('vorlagen.exportHtml', { ref: amendment.id, path: html });
    expect(fs.readFileSync(html, 'utf8')).toContain(`Ergänzungsvorlage zu Vorlage-Nr. ${original.reference}`);

    // The suffix pattern is the Körperschaft's.
    await t.call('freigabe.setConfig', { steps: ['amtsleitung'], followUpRecommendations: false, amendmentSuffix: '{nummer}-E{n}' });
    expect((await t.call('freigabe.amend', { ref: original.id, kind: 'ergaenzung' })).reference).toBe(`${original.reference}-E1`);
    const draft = await newBeschlussvorlage(t);
    expect((await failure(t.call('freigabe.amend', { ref: draft.id, kind: 'aenderung' }))).message).toContain('ist nicht freigegeben und kann direkt geändert werden');
  });
});

describe('Nachtrag zur Tagesordnung', () => {
  it('exports only the TOPs added after the Einladung, as DOCX and PDF; refuses when there are none', async () => {
    t = await demoApp();
    const irNext = await meetingByKey(t, 'ir-3');
    const ir = await t.app.store.committees.find('ir');
    const before = (await t.call('sitzungen.get', { id: irNext.id })).agenda;
    const none = `${t.dir}/leer.docx`;
    const refused = await failure(t.call('sitzungen.exportNachtrag', { meetingId: irNext.id, format: 'docx', path: none }));
    expect(refused).toEqual({ code: 'VALIDATION', message: 'Die Sitzung vom 06.03.2025 hat keine nachträglich aufgenommenen Tagesordnungspunkte; es wurde nichts geschrieben.' });
    expect(fs.existsSync(none)).toBe(false);

    // The Einladung is out: a Vorlage added now is a Nachtrag.
    await t.call('sitzungen.save', { ...irNext, state: 'einberufen' });
    const kita = await paperByKey(t, 'kita-sprache');
    await t.call('beratungen.update', { id: (await t.call('beratungen.list', { ref: kita.id })).find((c) => c.committeeId === ir!.id)!.id, meetingId: irNext.id });
    const added = (await t.call('sitzungen.get', { id: irNext.id })).agenda.find((i) => i.paperId === kita.id)!;
    expect(added.supplement).toBe(true);

    const docx = `${t.dir}/nachtrag.docx`;
    expect((await t.call('sitzungen.exportNachtrag', { meetingId: irNext.id, format: 'docx', path: docx })).items).toBe(1);
    const text = (await (await JSZip.loadAsync(fs.readFileSync(docx))).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('Nachtrag zur Tagesordnung');
    expect(text).toContain(`${added.title} (Nachtrag) (Vorlage noch nicht freigegeben)`);
    for (const item of before) expect(text).not.toContain(item.title);

    const pdf = `${t.dir}/nachtrag.pdf`;
    const r = await t.call('sitzungen.exportNachtrag', { meetingId: irNext.id, format: 'pdf', path: pdf });
    expect(r.pages).toBe(1);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});

describe('Freigabe in team mode: each Mitzeichnung step is signed by its role and Amt, in the signer’s own name', () => {
  const user = (login: string, role: 'amtsleitung' | 'sachbearbeitung' | 'admin', departmentId: number | null) => ({ id: 900, login, name: `Person ${login}`, role, departmentId });

  it('lets the Kämmerei’s Amtsleitung sign the Kämmerei step of another Amt’s Vorlage, and only that step', async () => {
    t = await demoApp();
    const p = await newBeschlussvorlage(t);
    const own = p.departmentId;
    const kaemmereiAmt = (await t.call('aemter.list', {})).find((d) => d.key === 'kaemmerei')!;
    expect(kaemmereiAmt.id).not.toBe(own);
    const config = await t.call('freigabe.config', {});
    await t.call('freigabe.setConfig', { ...config, signingDepartments: { kaemmerei: kaemmereiAmt.id } });

    const leitung = user('leitung50', 'amtsleitung', own);
    const kasse = user('kasse20', 'amtsleitung', kaemmereiAmt.id);
    const before = await databaseFingerprint(t.app);
    // The Kämmerei does not sign for the Amtsleitung of Amt 50, whatever name it gives.
    const wrongStep = await t.dispatch('freigabe.approve', { ref: p.reference, step: 'amtsleitung' }, { user: kasse });
    expect(wrongStep).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Sie dürfen nur Vorlagen Ihres eigenen Amtes bearbeiten.' } });
    expect(await databaseFingerprint(t.app)).toBe(before);

    const first = await t.dispatch('freigabe.approve', { ref: p.reference, step: 'amtsleitung', by: 'Landrat' }, { user: leitung });
    expect(first.ok).toBe(true);
    // The own Amtsleitung cannot sign the Kämmerei's step once the Kämmerei has an Amt of its own.
    const ownKaemmerei = await t.dispatch('freigabe.approve', { ref: p.reference, step: 'kaemmerei' }, { user: leitung });
    expect(ownKaemmerei).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const second = await t.dispatch('freigabe.approve', { ref: p.reference, step: 'kaemmerei' }, { user: kasse });
    expect(second.ok).toBe(true);

    const state = await t.call('freigabe.get', { ref: p.reference });
    // Signed in the signed-in user's name: "by" given in the call does not count in team mode.
    expect(state.steps.map((s) => s.approval?.by)).toEqual(['Person leitung50 (leitung50)', 'Person kasse20 (kasse20)']);
    expect(state.steps.map((s) => s.approval?.function)).toEqual(['Amtsleitung', 'Kämmerei']);
  });

  it('refuses an Amt that does not exist for a step, in German, and keeps the settings', async () => {
    t = await demoApp();
    const config = await t.call('freigabe.config', {});
    const response = await t.dispatch('freigabe.setConfig', { ...config, signingDepartments: { rechtsamt: 4711 } });
    expect(response).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Das Amt für den Schritt „Rechtsamt“ gibt es nicht (Nr. 4711). Es wurde nichts gespeichert.' } });
    expect(await t.call('freigabe.config', {})).toEqual(config);
  });

  it('keeps the desktop’s signer names, where one person works for several', async () => {
    t = await demoApp();
    const p = await newBeschlussvorlage(t);
    const state = await t.call('freigabe.approve', { ref: p.reference, step: 'amtsleitung', by: 'Erika Muster' });
    expect(state.steps[0]!.approval?.by).toBe('Erika Muster');
  });
});
