import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { launchChromium, browserMissing as missingBrowser } from './support/chromium.ts';

/**
 * /docs in a real browser (Debian's chromium) against the real service, offline as a bureau's intranet is: no
 * request leaves the service's origin, no console error, and the introduction speaks Chinese as well as English.
 */
const browserMissing = missingBrowser('docs');

describe.skipIf(browserMissing)('the API reference page (/docs) in a browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ ADMIN_TOKEN: 'docs-test-admin' });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('given no network, when /docs is opened, then it loads nothing from another origin, logs no error and introduces the API in Chinese and English', async () => {
    // given
    const page = await browser.newPage();
    const foreign: string[] = [];
    const errors: string[] = [];
    const failed: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:'))
        foreign.push(url);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    // when
    await page.goto(`${server.url}/docs`, { waitUntil: 'networkidle' });
    // then
    await page.getByText('plan-monitor', { exact: false }).first().waitFor();
    const text = await page.textContent('body');
    expect(text).toContain('五年');
    expect(text).toContain('Five-Year');
    expect(foreign).toEqual([]);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: 'tests/artifacts/docs-1280.png' });
  }, 60_000);
});
