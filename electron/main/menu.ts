import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /** Navigates the renderer to a route, e.g. '/vorlagen'. */
  navigate(route: string): void;
  backupNow(): void;
  openDataFolder(): void;
  about(): void;
  quit(): void;
}

/** The German application menu. Edit roles keep Strg+C/V/Z working in every text field. */
export function buildMenuTemplate(actions: MenuActions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ label: 'Vorlagenwerk', submenu: [{ label: 'Über Vorlagenwerk', click: actions.about }, { type: 'separator' as const }, { label: 'Vorlagenwerk beenden', accelerator: 'Cmd+Q', click: actions.quit }] }] : []),
    {
      label: 'Datei',
      submenu: [
        { label: 'Jetzt sichern', click: actions.backupNow },
        { label: 'Datenordner öffnen', click: actions.openDataFolder },
        { type: 'separator' },
        { label: 'Einstellungen', accelerator: 'CmdOrCtrl+,', click: () => actions.navigate('/einstellungen') },
        ...(mac ? [] : [{ type: 'separator' as const }, { label: 'Beenden', accelerator: 'Alt+F4', click: actions.quit }]),
      ],
    },
    {
      label: 'Bearbeiten',
      submenu: [
        { label: 'Rückgängig', role: 'undo', accelerator: 'CmdOrCtrl+Z' },
        { label: 'Wiederholen', role: 'redo', accelerator: mac ? 'Shift+Cmd+Z' : 'Ctrl+Y' },
        { type: 'separator' },
        { label: 'Ausschneiden', role: 'cut' },
        { label: 'Kopieren', role: 'copy' },
        { label: 'Einfügen', role: 'paste' },
        { label: 'Alles auswählen', role: 'selectAll' },
      ],
    },
    {
      label: 'Ansicht',
      submenu: [
        { label: 'Übersicht', accelerator: 'CmdOrCtrl+1', click: () => actions.navigate('/uebersicht') },
        { label: 'Vorlagen', accelerator: 'CmdOrCtrl+2', click: () => actions.navigate('/vorlagen') },
        { label: 'Gremien & Sitzungen', accelerator: 'CmdOrCtrl+3', click: () => actions.navigate('/gremien') },
        { type: 'separator' },
        { label: 'Neu laden', role: 'reload' },
        { label: 'Originalgröße', role: 'resetZoom' },
        { label: 'Vergrößern', role: 'zoomIn' },
        { label: 'Verkleinern', role: 'zoomOut' },
        { type: 'separator' },
        { label: 'Vollbild', role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Fenster',
      submenu: [
        { label: 'Minimieren', role: 'minimize' },
        { label: 'Schließen', role: 'close' },
      ],
    },
    { label: 'Hilfe', submenu: [{ label: 'Über Vorlagenwerk', click: actions.about }] },
  ];
}
