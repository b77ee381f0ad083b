import { startDesktopApp } from './app.js';

// electron-vite sets ELECTRON_RENDERER_URL while `electron-vite dev` serves the renderer.
startDesktopApp({ devUrl: process.env.ELECTRON_RENDERER_URL }).catch((error) => {
  console.error('Vorlagenwerk konnte nicht starten:', error);
  process.exit(1);
});
