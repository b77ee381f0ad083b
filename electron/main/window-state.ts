import fs from 'node:fs';
import path from 'node:path';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_STATE: WindowState = { width: 1280, height: 840, maximized: false };
const MIN = { width: 900, height: 600 };

export const windowStateFile = (userData: string) => path.join(userData, 'fenster.json');

/**
 * The last window size and place, if it still fits a connected screen (a laptop undocked from
 * its second monitor must not open the window off-screen).
 */
export function loadWindowState(file: string, displays: Area[]): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_STATE };
  }
  const s = raw as Partial<WindowState>;
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (!num(s.width) || !num(s.height)) return { ...DEFAULT_STATE };
  const state: WindowState = { width: Math.max(MIN.width, Math.round(s.width)), height: Math.max(MIN.height, Math.round(s.height)), maximized: s.maximized === true };
  if (num(s.x) && num(s.y)) {
    const visible = displays.some((d) => s.x! + 100 <= d.x + d.width && s.x! + state.width - 100 >= d.x && s.y! >= d.y && s.y! + 50 <= d.y + d.height);
    if (visible) Object.assign(state, { x: Math.round(s.x), y: Math.round(s.y) });
  }
  return state;
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(state)}\n`, 'utf8');
  } catch {
    // Losing the window position is not worth bothering the user about.
  }
}
