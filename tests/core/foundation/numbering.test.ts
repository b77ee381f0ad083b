import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { formatReference, parseReference } from '../../../electron/core/domain/numbering.js';
import { tempApp, type TempApp } from '../../helpers/temp-app.js';

const run = promisify(execFile);
let t: TempApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function setup() {
  t = await tempApp();
  await t.call('koerperschaft.save', { name: 'Musterkreis', numberPattern: '{amt}/{nr:3}/{jahr}', agendaNumbering: 'durchgehend' });
  const ki = await t.call('aemter.save', { key: 'ki', code: '50', name: '50.2 – Kommunales Integrationszentrum (KI)', signatory: '' });
  const ord = await t.call('aemter.save', { key: 'ord', code: '32', name: '32 – Ordnungsamt', signatory: '' });
  return { t, ki, ord };
}

describe('Vorlage numbers', () => {
  it('formats and parses the Body pattern', () => {
    expect(formatReference('{amt}/{nr:3}/{jahr}', { amt: '50', nr: 12, jahr: 2025 })).toBe('50/012/2025');
    expect(formatReference('V-{jahr:2}-{nr}', { amt: '', nr: 7, jahr: 2025 })).toBe('V-25-7');
    expect(parseReference('{amt}/{nr:3}/{jahr}', '50/012/2025')).toEqual({ amt: '50', nr: 12, jahr: 2025 });
    expect(parseReference('{amt}/{nr:3}/{jahr}', 'irgendwas')).toBeNull();
  });

  it('counts per department and year and never reuses a number after deletion', async () => {
    const { t, ki, ord } = await setup();
    const make = (departmentId: number, year: number) => t.call('vorlagen.create', { template: 'mitteilungsvorlage', departmentId, title: 'Test', year });
    expect((await make(ki.id, 2025)).reference).toBe('50/001/2025');
    const second = await make(ki.id, 2025);
    expect(second.reference).toBe('50/002/2025');
    expect((await make(ord.id, 2025)).reference).toBe('32/001/2025');
    expect((await make(ki.id, 2026)).reference).toBe('50/001/2026');
    await t.call('vorlagen.delete', { id: second.id });
    expect((await make(ki.id, 2025)).reference).toBe('50/003/2025');
    const reuse = await t.dispatch('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: ki.id, title: 'Test', reference: '50/002/2025' });
    expect(reuse).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('accepts a unique manual number and continues after it', async () => {
    const { t, ki } = await setup();
    const manual = await t.call('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: ki.id, title: 'Importiert', reference: '50/040/2025' });
    expect(manual.reference).toBe('50/040/2025');
    expect((await t.call('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: ki.id, title: 'Neu', year: 2025 })).reference).toBe('50/041/2025');
    const dup = await t.dispatch('vorlagen.create', { template: 'mitteilungsvorlage', departmentId: ki.id, title: 'Doppelt', reference: '50/040/2025' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('bereits vergeben') } });
  });

  it('never hands out the same number to two processes assigning at the same time', async () => {
    const { t, ki } = await setup();
    const script = path.join(import.meta.dirname, '..', '..', 'helpers', 'assign-numbers.ts');
    const child = () => run(process.execPath, ['--import', 'tsx', script, t.dir, '150', String(ki.id), ...(t.databaseUrl ? [t.databaseUrl] : [])], { maxBuffer: 1 << 20 });
    const [a, b] = await Promise.all([child(), child()]);
    const all = [...JSON.parse(a.stdout), ...JSON.parse(b.stdout)] as string[];
    expect(all).toHaveLength(300);
    expect(new Set(all).size).toBe(300);
    const numbers = all.map((r) => Number(r.split('/')[1])).sort((x, y) => x - y);
    expect(numbers[0]).toBe(1);
    expect(numbers.at(-1)).toBe(300);
  }, 60_000);
});
