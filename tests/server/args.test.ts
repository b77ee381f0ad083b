import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, parseWebArgs } from '../../electron/server/args.js';

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
