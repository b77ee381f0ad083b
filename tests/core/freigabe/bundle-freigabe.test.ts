import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFingerprint, tempApp, tempDir, type TempApp } from '../../helpers/temp-app.js';
import { DEMO_NOW, demoApp, failure, paperByKey } from '../workflow/fixtures.js';

const opened: TempApp[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});

interface ExportedBundle {
  papers: { key: string; amends?: { paper: string; kind: string }; approvals?: { step: string; by: string; revision: number; invalidated?: string }[]; released?: { by: string } }[];
  followUps?: { meeting: string; agendaNumber: string; stand: string; frist?: string; department?: string; notes: { by: string; text: string }[] }[];
}

describe('bundle: Freigabe and Beschlusskontrolle', () => {
  it('round-trips signatures (invalidated ones too), Freigabe and Beschlusskontrolle entries exactly', async () => {
    const a = await demoApp();
    opened.push(a);
    // Some history beyond the demo: a voided signature, a Frist, a Stand and a Vermerk.
    const ehrenamt = await paperByKey(a, 'ehrenamt');
    await a.call('vorlagen.save', { id: ehrenamt.id, title: 'Ehrenamtliche Integrationslotsinnen und -lotsen – Ausweitung' });
    await a.call('freigabe.approve', { ref: ehrenamt.id, step: 'amtsleitung', by: 'Dr. Jana Winterfeld' });
    const entry = (await a.call('beschlusskontrolle.list', {}))[0]!;
    await a.call('beschlusskontrolle.set', { id: entry.id, stand: 'in_bearbeitung', frist: '2025-09-30', vermerk: 'Ausschreibung läuft' });

    await a.call('freigabe.amend', { ref: (await paperByKey(a, 'sachstand-vorjahr')).id, kind: 'aenderung' });

    const dir1 = tempDir('vw-fg1-');
    await a.call('daten.export', { path: path.join(dir1, 'alles.json') });
    const first = fs.readFileSync(path.join(dir1, 'alles.json'), 'utf8');
    const bundle = JSON.parse(first) as ExportedBundle;
    const e = bundle.papers.find((p) => p.key === 'ehrenamt')!;
    expect(e.approvals).toMatchObject([
      { step: 'amtsleitung', revision: 1, invalidated: expect.any(String) },
      { step: 'amtsleitung', by: 'Dr. Jana Winterfeld', revision: 2 },
    ]);
    expect(e.approvals![1]!.invalidated).toBeUndefined();
    expect(bundle.papers.find((p) => p.amends)).toMatchObject({ amends: { paper: 'sachstand-vorjahr', kind: 'aenderung' } });
    expect(bundle.papers.find((p) => p.key === 'integrationsfonds')!.released).toMatchObject({ by: 'Dr. Jana Winterfeld' });
    expect(bundle.followUps!.find((f) => f.stand === 'in_bearbeitung')).toMatchObject({ frist: '2025-09-30', department: 'ki', notes: [{ by: 'test', text: 'Ausschreibung läuft' }] });

    const b = await tempApp({ now: () => DEMO_NOW });
    opened.push(b);
    await b.call('daten.import', { path: path.join(dir1, 'alles.json') });
    const dir2 = tempDir('vw-fg2-');
    await b.call('daten.export', { path: path.join(dir2, 'alles.json') });
    expect(fs.readFileSync(path.join(dir2, 'alles.json'), 'utf8')).toBe(first);

    // The imported signatures cover the imported text: the Freigabe state reads the same.
    const fonds = await paperByKey(b, 'integrationsfonds');
    const state = await b.call('freigabe.get', { ref: fonds.id });
    // Released and on the agenda of the coming Sozialausschuss.
    expect(state.status).toBe('in_beratung');
    expect(state.released).not.toBeNull();
    expect(state.steps.every((s) => s.approval?.revisionHash === state.revisionHash)).toBe(true);
  });

  it('carries the Körperschaft’s Freigabe settings (chain, Kämmerei’s Amt by key, Beschlussempfehlungen, suffix) into a new database', async () => {
    const a = await demoApp();
    opened.push(a);
    const kaemmereiA = (await a.call('aemter.list', {})).find((d) => d.key === 'kaemmerei')!;
    const config = { steps: ['amtsleitung', 'dezernat', 'kaemmerei'] as const, followUpRecommendations: true, amendmentSuffix: '{nummer}-E{n}' };
    await a.call('freigabe.setConfig', { ...config, steps: [...config.steps], signingDepartments: { kaemmerei: kaemmereiA.id } });
    const dir1 = tempDir('vw-fg-cfg1-');
    await a.call('daten.export', { path: path.join(dir1, 'alles.json') });
    const first = fs.readFileSync(path.join(dir1, 'alles.json'), 'utf8');
    expect((JSON.parse(first) as { freigabe?: unknown }).freigabe).toEqual({ ...config, signingDepartments: { kaemmerei: 'kaemmerei' } });

    const b = await tempApp({ now: () => DEMO_NOW });
    opened.push(b);
    await b.call('daten.import', { path: path.join(dir1, 'alles.json') });
    const kaemmereiB = (await b.call('aemter.list', {})).find((d) => d.key === 'kaemmerei')!;
    expect(await b.call('freigabe.config', {})).toEqual({ ...config, signingDepartments: { kaemmerei: kaemmereiB.id } });
    // The imported chain is the one a Vorlage with costs now goes through.
    expect((await b.call('freigabe.get', { ref: (await paperByKey(b, 'integrationsfonds')).id })).steps.map((x) => x.step)).toEqual(['amtsleitung', 'dezernat', 'kaemmerei']);
    const dir2 = tempDir('vw-fg-cfg2-');
    await b.call('daten.export', { path: path.join(dir2, 'alles.json') });
    expect(fs.readFileSync(path.join(dir2, 'alles.json'), 'utf8')).toBe(first);

    // Not in a public bundle.
    await a.call('daten.export', { path: path.join(dir1, 'oeffentlich.json'), publicOnly: true });
    expect(JSON.parse(fs.readFileSync(path.join(dir1, 'oeffentlich.json'), 'utf8'))).not.toHaveProperty('freigabe');

    // An Amt the bundle does not have: refused in German, nothing imported.
    const bad = JSON.parse(first) as { freigabe: { signingDepartments: Record<string, string> } };
    bad.freigabe.signingDepartments = { rechtsamt: 'rechtsamt' };
    fs.writeFileSync(path.join(dir1, 'falsch.json'), JSON.stringify(bad));
    const c = await tempApp();
    opened.push(c);
    const before = await databaseFingerprint(c.app);
    expect(await failure(c.call('daten.import', { path: path.join(dir1, 'falsch.json') }))).toEqual({
      code: 'VALIDATION',
      message: 'Die Freigabe-Einstellungen nennen für den Schritt „Rechtsamt“ das unbekannte Amt „rechtsamt“.',
    });
    expect(await databaseFingerprint(c.app)).toBe(before);
  });

  it('leaves signatures and Beschlusskontrolle out of a public bundle', async () => {
    const a = await demoApp();
    opened.push(a);
    const dir = tempDir('vw-fg-pub-');
    await a.call('daten.export', { path: path.join(dir, 'oeffentlich.json'), publicOnly: true });
    const text = fs.readFileSync(path.join(dir, 'oeffentlich.json'), 'utf8');
    const bundle = JSON.parse(text) as ExportedBundle;
    expect(bundle.followUps).toEqual([]);
    expect(bundle.papers.every((p) => p.approvals === undefined && p.released === undefined)).toBe(true);
    expect(text).not.toContain('Winterfeld');
  });

  it('refuses a Beschlusskontrolle entry that names a TOP without a decision, importing nothing', async () => {
    const t = await tempApp();
    opened.push(t);
    const dir = tempDir('vw-fg-bad-');
    const bundle = {
      format: 'vorlagenwerk-bundle',
      version: 1,
      body: { name: 'Musterkreis', numberPattern: '{amt}/{nr:3}/{jahr}' },
      departments: [{ key: 'ki', code: '50', name: 'KI' }],
      committees: [{ key: 'soz', name: 'Sozialausschuss', shortName: 'Soz', genitive: 'des Sozialausschusses' }],
      meetings: [{ key: 'soz-1', committee: 'soz', start: '2025-03-12T15:00', agenda: [{ title: 'Eröffnung' }] }],
      followUps: [{ meeting: 'soz-1', agendaNumber: '1', stand: 'offen' }],
    };
    fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify(bundle));
    const before = await databaseFingerprint(t.app);
    const r = await failure(t.call('daten.import', { path: path.join(dir, 'b.json') }));
    expect(r).toEqual({ code: 'VALIDATION', message: 'Ein Eintrag der Beschlusskontrolle nennt TOP 1 der Sitzung „soz-1“, dort ist kein Beschluss erfasst.' });
    expect(await databaseFingerprint(t.app)).toBe(before);
  });
});
