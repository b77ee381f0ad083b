import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, newAppPage, type PageProblems } from './browser.js';
import { startWebApp, type StartOptions, type WebApp } from './web-app.js';

export interface AppPage {
  app: WebApp;
  page: Page;
  problems: PageProblems;
}

/**
 * One web-mode app on a fresh data folder and one Chromium page for a whole E2E file: started
 * before the file's tests, stopped after them. The fields are filled once the hook has run.
 */
export function useAppPage(options?: StartOptions): AppPage {
  const session = {} as AppPage;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    session.app = await startWebApp(options);
    const browser = await launchChromium();
    close = () => browser.close();
    Object.assign(session, await newAppPage(browser));
  });
  afterAll(async () => {
    await close?.();
    await session.app?.stop();
  });
  return session;
}
