import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedTable, TITLE } from '../plan-uploads/support/printed-table.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { launchChromium, browserMissing as missingBrowser } from './support/chromium.ts';

/**
 * 新建规划 in a real browser (Debian's chromium) against the real service: an administrator signs in, checks a
 * printed 14th Five-Year plan table as a draft (each row with its match and inferred properties), publishes it,
 * and the plan picker then offers the new plan with its period. Screenshot in tests/artifacts/.
 */
const ARTIFACTS = 'tests/artifacts';
const ADMIN = 'new-plan-test-admin';
const PERSON = { login: 'liqiang', name: '李强', role: 'admin', regions: [], password: 'correct horse 42' };
const browserMissing = missingBrowser('new plan');

describe.skipIf(browserMissing)('新建规划 in the dashboard, in a browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([
      startServer({ ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn' }),
      launchChromium(),
    ]);
    const response = await fetch(`${server.url}/api/v1/users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(PERSON),
    });
    if (response.status !== 201) throw new Error(`user not created: ${await response.text()}`);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('given an administrator signed in, when a printed table is checked and published, then the draft shows each row and the new plan is offered with its period', async () => {
    // given
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    expect(await page.isHidden('#new-plan-section')).toBe(true);
    await page.fill('#login-name', PERSON.login);
    await page.fill('#login-password', PERSON.password);
    await page.click('#login-submit');
    await page.waitForSelector('#new-plan-section:not([hidden])');
    // when: checked as a draft
    await page.setInputFiles('#new-plan-file', {
      name: 'wuhan-14fyp.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await printedTable(),
    });
    const form = page.locator('#new-plan-form');
    await form.locator('[name=region]').fill('420100');
    await form.locator('[name=title]').fill(TITLE);
    await form.locator('[name=issuer]').fill('武汉市人民政府');
    await form.locator('[name=issuedOn]').fill('2021-09-30');
    await form.locator('[name=periodStart]').fill('2021');
    await form.locator('[name=periodEnd]').fill('2025');
    await page.click('#new-plan-check');
    await page.waitForSelector('#new-plan-rows');
    // then: every row of the table, with what it was matched to and what was inferred
    const rows = await page.locator('#new-plan-rows tbody tr').allTextContents();
    expect(rows).toHaveLength(8);
    expect(rows.find((row) => row.includes('移动电话用户'))).toContain('已有指标 mobile-phone-subscribers');
    expect(rows.find((row) => row.includes('PUE'))).toContain('越小越好（据目标符号）');
    expect(await page.textContent('#new-plan-report')).toContain('草稿');
    await page.screenshot({ path: `${ARTIFACTS}/new-plan-draft-1280.png`, fullPage: true });
    // when: published
    await page.click('#new-plan-publish');
    // then: the picker offers the new plan with its period, and shows it
    await page.waitForSelector('#plan-title:has-text("2021–2025")');
    const offered = await page.locator('#plan option').allTextContents();
    expect(offered).toContain(`${TITLE}（2021–2025）`);
    expect(offered.some((label) => label.includes('（2011–2015）'))).toBe(true);
    expect(errors).toEqual([]);
  }, 120_000);
});
