// The system's Chromium, driven by playwright-core (which downloads no browser). The network is closed on CI and on the
// developers' machines, so every background service of Chromium that would try to reach it is turned off.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CXLINT_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Fails, never skips, when there is no browser: a report nobody opened is not tested. */
export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install the Debian package "chromium" (apt-get install chromium, as .ci/run does) or set CXLINT_CHROMIUM to a Chromium binary. The browser tests do not skip.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface Watched {
  page: Page;
  /** Requests made after the report file itself: any is a failure. */
  requests: string[];
  /** Console errors, uncaught exceptions and dialogs (alert, confirm, prompt). */
  problems: string[];
}

/**
 * Opens a report file, counting every request, console error, page error and dialog. With `script: false` the page is
 * opened as a browser with JavaScript off opens it (its own context, `javaScriptEnabled: false`): the page's script
 * never runs, so the page is ready once loaded. The test can still evaluate code in it through the DevTools protocol.
 */
export async function open(browser: Browser, file: string, viewport = { width: 1400, height: 900 }, { script = true } = {}): Promise<Watched> {
  const page = await browser.newPage({ viewport, javaScriptEnabled: script });
  const url = `file://${file}`;
  const watched: Watched = { page, requests: [], problems: [] };
  page.on('request', (request) => {
    if (request.url() !== url) watched.requests.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watched.problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => watched.problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    watched.problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url);
  if (script) await page.waitForSelector('html[data-rendered]');
  return watched;
}
