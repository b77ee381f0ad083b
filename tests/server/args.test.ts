import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, parseTeamArgs, parseWebArgs } from '../../electron/server/args.js';

describe('npm run web arguments', () => {
  it('defaults to the shared data folder, a free port and opening the browser', () => {
    expect(parseWebArgs([], { VORLAGENWERK_DATA_DIR: '/daten/vw' })).toEqual({ dataDir: path.resolve('/daten/vw'), port: 0, open: true, demo: true });
  });

  it('never opens a browser in CI', () => {
    expect(parseWebArgs([], { CI: '1', VORLAGENWERK_DATA_DIR: '/x' }).open).toBe(false);
  });

  it('reads --data-dir, --port and --no-open in both spellings', () => {
    expect(parseWebArgs(['--data-dir', 'ordner', '--port=8123', '--no-open'], { VORLAGENWERK_DATA_DIR: '/x' })).toMatchObject({ dataDir: path.resolve('ordner'), port: 8123, open: false });
  });

  it('refuses bad ports and unknown options with German messages', () => {
    expect(() => parseWebArgs(['--port', 'achtzig'], {})).toThrow(new UsageError('Ungültiger Port: achtzig'));
    expect(() => parseWebArgs(['--port', '70000'], {})).toThrow(UsageError);
    expect(() => parseWebArgs(['--data-dir'], {})).toThrow('--data-dir braucht einen Wert.');
    expect(() => parseWebArgs(['--verbose'], {})).toThrow('Unbekannte Option: --verbose');
  });
});

describe('npm run server arguments', () => {
  it('takes PostgreSQL or a SQLite folder, host, port, storage and --trust-proxy in both spellings', () => {
    expect(parseTeamArgs(['--database-url=postgres://u@h/db', '--host', '0.0.0.0', '--port=8081', '--storage', 'ablage', '--trust-proxy'], {})).toEqual({
      databaseUrl: 'postgres://u@h/db',
      dataDir: null,
      storageDir: path.resolve('ablage'),
      host: '0.0.0.0',
      port: 8081,
      trustProxy: true,
    });
    expect(parseTeamArgs(['--database-url', 'sqlite:/srv/vw'], {})).toMatchObject({ databaseUrl: null, dataDir: path.resolve('/srv/vw') });
    expect(parseTeamArgs([], { VORLAGENWERK_DATABASE_URL: 'postgres://u@h/db' }).databaseUrl).toBe('postgres://u@h/db');
    expect(parseTeamArgs(['--data-dir', 'x'], { VORLAGENWERK_STORAGE_DIR: 'geteilt' }).storageDir).toBe(path.resolve('geteilt'));
    expect(parseTeamArgs(['--data-dir', 'x', '--storage', 'ablage'], { VORLAGENWERK_STORAGE_DIR: 'geteilt' }).storageDir).toBe(path.resolve('ablage'));
  });

  it('refuses what web mode refuses, with the same German messages, and a missing or foreign database', () => {
    expect(() => parseTeamArgs(['--data-dir', 'x', '--port', 'achtzig'], {})).toThrow(new UsageError('Ungültiger Port: achtzig'));
    expect(() => parseTeamArgs(['--data-dir', 'x', '--verbose'], {})).toThrow('Unbekannte Option: --verbose');
    expect(() => parseTeamArgs(['--data-dir', 'x', '--trust-proxy=ja'], {})).toThrow('Unbekannte Option: --trust-proxy=ja');
    expect(() => parseTeamArgs(['--host'], {})).toThrow('--host braucht einen Wert.');
    expect(() => parseTeamArgs([], {})).toThrow('Bitte --database-url URL oder --data-dir ORDNER angeben.');
    expect(() => parseTeamArgs(['--database-url', 'mysql://x'], {})).toThrow('--database-url muss mit postgres:// oder sqlite: beginnen.');
  });
});
