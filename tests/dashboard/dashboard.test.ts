import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../support/database.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { filledWorkbook, PLAN, REGION, rowsWith } from './filled-workbook.ts';
import { launchChromium, browserMissing as missingBrowser, serviceDatabase } from './support/chromium.ts';

/**
 * The dashboard in a real browser (Debian's chromium driven by playwright-core) against the real service: a
 * bureau uploads a filled template (dry run, then confirm), sees the scorecard change and the trajectory drawn, at
 * 1280×800 and at phone width. Screenshots go to tests/artifacts/ (git-ignored).
 */

const ADMIN = 'dashboard-test-admin-token';
const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
const STATUSES = [
  'achieved',
  'on_track',
  'moderate',
  'insufficient',
  'regressing',
  'not_achieved',
  'no_data',
] as const;
const SOFTWARE = '软件和信息服务业业务收入';
const PEOPLE = [
  { login: 'wangfang', name: '王芳', role: 'reporter', regions: ['320700'], password: 'lianyungang-2011' },
  { login: 'zhaomin', name: '赵敏', role: 'approver', regions: ['320000'], password: 'jiangsu-approver' },
] as const;
/** The trajectory chart's series names, as its legend shows them. */
const ACTUAL = '实际值';
const REQUIRED = '要求路径';
const PROJECTED = '趋势预测';
const TARGET = '目标';
const REVISED = '已修订';

/** What the functions run in the page touch (the project's type check has no DOM library). */
interface InPageElement {
  textContent: string | null;
  dataset: Record<string, string | undefined>;
  selectedOptions?: ArrayLike<{ textContent: string | null }>;
}
declare const document: {
  getElementById(id: string): InPageElement | null;
  querySelector(selector: string): InPageElement | null;
  documentElement: { scrollWidth: number };
};

/** The part of ECharts the test reads in the page. */
type InPage = {
  echarts: {
    getInstanceByDom(
      element: unknown,
    ): { getOption(): { series?: { name: string; data: unknown[] }[] } } | undefined;
  };
};

const browserMissing = missingBrowser('dashboard');

type Counts = Record<(typeof STATUSES)[number], number>;

async function tileCounts(page: Page): Promise<Counts> {
  const entries = await page.$$eval('#status-tiles .tile', (tiles) =>
    tiles.map((tile) => [
      (tile as unknown as InPageElement).dataset.status,
      Number(tile.querySelector('.tile-count')?.textContent),
    ]),
  );
  return Object.fromEntries(entries) as Counts;
}

/** The trajectory chart's series as ECharts holds them: name → [x, y] points. */
async function chartSeries(page: Page): Promise<Record<string, unknown[][]>> {
  return page.evaluate(() => {
    const element = document.getElementById('trajectory-chart');
    const echarts = (globalThis as unknown as InPage).echarts;
    const option = echarts.getInstanceByDom(element)?.getOption();
    const series = (option?.series ?? []) as { name: string; data: unknown[] }[];
    return Object.fromEntries(
      series.map((s) => [
        s.name,
        s.data.map((d) =>
          Array.isArray(d) ? d : ((d as { value?: unknown[] } | null)?.value ?? [null, d]),
        ) as unknown[][],
      ]),
    );
  });
}

async function uploadAndCheck(page: Page, name: string, buffer: Buffer) {
  const mimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  await page.setInputFiles('#file', { name, mimeType, buffer });
  await page.click('#dry-run');
  await page.waitForSelector('#import-report .report-status');
  return page.getAttribute('#import-report .report-status', 'data-status');
}

/** Signs in through the form in the page's header and waits for the name to show. */
async function signIn(page: Page, person: (typeof PEOPLE)[number]) {
  await page.fill('#login-name', person.login);
  await page.fill('#login-password', person.password);
  await page.click('#login-submit');
  await page.waitForFunction(
    (name) => document.getElementById('signed-in-name')?.textContent?.includes(name),
    person.name,
  );
}

/** The approval panel's row of a year: its state and who last moved it. */
async function periodRow(page: Page, year: number) {
  const row = page.locator(`#periods-table tbody tr[data-year="${year}"]`);
  return {
    state: await row.getAttribute('data-state'),
    last: await row.locator('.period-last').textContent(),
  };
}

async function noHorizontalScroll(page: Page, width: number) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, 'the page is wider than the screen').toBeLessThanOrEqual(width);
}

describe.skipIf(browserMissing !== undefined)(`the dashboard in a browser (${testEngine})`, () => {
  let server: ServerProcess;
  let browser: Browser;
  let cleanup: () => Promise<void> = async () => {};
  let afterFirstImport: Counts;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    const service = await serviceDatabase('dashboard');
    const { env } = service;
    cleanup = service.cleanup;
    [server, browser] = await Promise.all([
      startServer({ ...env, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn' }),
      launchChromium(),
    ]);
    // The people who sign in: 王芳 reports for 连云港, 赵敏 approves for Jiangsu (its cities included).
    for (const person of PEOPLE) {
      const response = await fetch(`${server.url}/api/v1/users`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(person),
      });
      if (response.status !== 201) throw new Error(`user not created: ${await response.text()}`);
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await cleanup();
  });

  async function open(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    // Nothing from the internet: any request to another origin fails the test.
    const foreign: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith('blob:') || url.startsWith('data:'))
        return route.continue();
      foreign.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/?plan=${PLAN}&region=${REGION}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    expect(foreign).toEqual([]);
    return page;
  }

  it('given a desktop at 1280×800, when a bureau checks a wrong sheet, then a filled template and confirms, then the scorecard changes and the trajectory is drawn', async () => {
    const page = await open({ width: 1280, height: 800 });
    expect(await page.textContent('h1')).toBe('规划目标监测');
    expect(await page.inputValue('#plan')).toBe(PLAN);
    const before = await tileCounts(page);
    const total = STATUSES.reduce((sum, s) => sum + before[s], 0);
    expect(total).toBeGreaterThan(10);
    expect(await page.$$eval('#indicator-table tbody tr', (rows) => rows.length)).toBe(total);
    // The row label the plan prints, beside the catalog's name
    expect(await page.textContent('#indicator-table')).toContain('规划原文：省两化融合示范（试验）区（个）');
    // The context indicators of 第一章 (a 2010 value, no target), marked as such, with where the plan states them
    await page.click('#context-indicators summary');
    const fixedLines = page.locator('#context-table tbody tr[data-code="fixed-telephone-subscribers"]');
    expect(await fixedLines.textContent()).toContain('112.8 万户（2010年）');
    expect(await fixedLines.textContent()).toContain('背景指标');
    expect(Number(await page.textContent('#context-count'))).toBeGreaterThan(15);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-desktop-before.png') });

    // The plan's template downloads from the app.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#template-download')]);
    // Under the plan's Chinese title (RFC 6266 filename*), as the templates route names it.
    expect(download.suggestedFilename()).toBe('连云港市“十二五”信息化发展规划填报模板.xlsx');

    // A wrong password is refused without saying which part was wrong; the right one signs 王芳 in.
    await page.fill('#login-name', 'wangfang');
    await page.fill('#login-password', 'not-her-password');
    await page.click('#login-submit');
    await page.waitForSelector('#login-message .error');
    expect(await page.textContent('#login-message')).toContain('登录名或密码不正确');
    await signIn(page, PEOPLE[0]);
    expect(await page.inputValue('#token')).toBe('');

    // A sheet with an Excel error and a negative count: rejected, each problem with its cell, nothing to confirm.
    const wrong = await filledWorkbook(
      rowsWith({
        'broadband-subscribers': { 2012: { error: '#DIV/0!' } },
        'mobile-phone-subscribers': { 2013: -5 },
      }),
    );
    expect(await uploadAndCheck(page, 'wrong.xlsx', wrong.buffer)).toBe('rejected');
    const rejected = await page.$$eval('#import-report tr.problem', (rows) =>
      rows.map((row) => ({
        code: (row as unknown as InPageElement).dataset.code,
        severity: row.querySelector('.severity')?.textContent,
        cells: row.querySelector('td.cells')?.textContent,
      })),
    );
    expect(rejected).toEqual(
      expect.arrayContaining([
        { code: 'spreadsheet_error', severity: '错误', cells: wrong.cellOf('broadband-subscribers', 2012) },
        { code: 'negative_value', severity: '错误', cells: wrong.cellOf('mobile-phone-subscribers', 2013) },
      ]),
    );
    expect(await page.isHidden('#confirm-import')).toBe(true);
    await page
      .locator('#upload-section')
      .screenshot({ path: join(ARTIFACTS, 'dashboard-desktop-rejected.png') });
    // Each problem names the indicator as the sheet prints it and the year beside the cell (issue 17).
    expect(
      await page.textContent('#import-report tr.problem[data-code="spreadsheet_error"] td.explanation'),
    ).toMatch(new RegExp(`^${wrong.cellOf('broadband-subscribers', 2012)}（[^）]*宽带[^，]*，2012年）：`));
    // The failed check is kept in 导入记录, with who tried it.
    const tried = page.locator('#import-history tbody tr[data-status="rejected"]', { hasText: 'wrong.xlsx' });
    await tried.waitFor();
    expect(await tried.locator('td.result').textContent()).toBe('检查未通过（未写入）');
    expect(await tried.textContent()).toContain('王芳');
    const problemCount = /问题 (\d+) 个/.exec(
      (await page.textContent('#import-report .report-counts')) ?? '',
    )?.[1];
    expect(Number(problemCount)).toBeGreaterThanOrEqual(2);
    expect(await tried.textContent()).toContain(`问题 ${problemCount} 个`);
    await page
      .locator('#history-section')
      .screenshot({ path: join(ARTIFACTS, 'dashboard-desktop-history-rejected.png') });

    // The filled template: the dry run stops at one implausible value, shown apart from errors with what was
    // expected; the import can be confirmed only once the person ticks it.
    const filled = await filledWorkbook();
    expect(await uploadAndCheck(page, `${PLAN}-2011-2014.xlsx`, filled.buffer)).toBe('rejected');
    const flagged = page.locator(
      '#import-report .implausible-values tr.problem[data-code="value_implausible"]',
    );
    expect(await flagged.locator('td.cells').textContent()).toBe(
      filled.cellOf('internet-egress-bandwidth', 2014),
    );
    expect(await flagged.locator('td.expected').textContent()).toBe('420？');
    expect(await page.locator('#import-report tr.problem.error').count()).toBe(0);
    expect(await page.isDisabled('#confirm-import')).toBe(true);
    await flagged.locator('input.confirm-cell').check();
    expect(await page.isEnabled('#confirm-import')).toBe(true);
    expect(await tileCounts(page)).toEqual(before);
    await page
      .locator('#upload-section')
      .screenshot({ path: join(ARTIFACTS, 'dashboard-desktop-dry-run.png') });

    await page.click('#confirm-import');
    await page.waitForSelector('#import-report .report-status[data-status="imported"]');
    expect(await page.textContent('#import-report .report-counts')).toMatch(/新增 40/);
    expect(await page.textContent('#import-report .implausible-values')).toContain('已确认的异常值');
    // Completeness per year for the region (issue 14): 2011–2014 reported, 2015 not yet.
    await page.waitForFunction(
      () =>
        !/^已报 0 /.test(
          document.querySelector('#completeness .year-cell[data-year="2011"] .count')?.textContent ??
            '已报 0 ',
        ),
    );
    expect(await page.textContent('#completeness .year-cell[data-year="2011"] .count')).toMatch(
      /^已报 1\d \/ 应报 \d+$/,
    );
    expect(await page.textContent('#completeness .year-cell[data-year="2015"] .count')).toMatch(
      /^已报 0 \/ 应报 /,
    );
    await page.waitForFunction(
      (noData) =>
        Number(document.querySelector('.tile[data-status="no_data"] .tile-count')?.textContent) < noData,
      before.no_data,
    );
    afterFirstImport = await tileCounts(page);
    expect(STATUSES.reduce((sum, s) => sum + afterFirstImport[s], 0)).toBe(total);
    expect(afterFirstImport.no_data).toBeLessThanOrEqual(before.no_data - 10);
    expect(afterFirstImport.achieved).toBeGreaterThanOrEqual(1);
    expect(afterFirstImport.regressing).toBeGreaterThanOrEqual(1);
    expect(await page.textContent('#import-history tbody')).toContain(`${PLAN}-2011-2014.xlsx`);
    expect(await page.textContent('#import-history tbody')).toContain('王芳');

    // 王芳 submits 2011; signed out and in again as 赵敏, it is approved from the same panel.
    await page.click('#periods-table tr[data-year="2011"] button[data-action="submit"]');
    await page.waitForSelector('#periods-table tr[data-year="2011"][data-state="submitted"]');
    expect((await periodRow(page, 2011)).last).toContain('王芳 报送');
    expect(await page.locator('#periods-table tr[data-year="2011"] button').count()).toBe(0);
    await page.click('#logout');
    await page.waitForSelector('#login-form:not([hidden])');
    await signIn(page, PEOPLE[1]);
    await page.click('#periods-table tr[data-year="2011"] button[data-action="approve"]');
    await page.waitForSelector('#periods-table tr[data-year="2011"][data-state="approved"]');
    expect(await periodRow(page, 2011)).toEqual({
      state: 'approved',
      last: expect.stringContaining('赵敏 审核通过'),
    });
    expect((await periodRow(page, 2012)).state).toBe('open');
    await page
      .locator('#periods-section')
      .screenshot({ path: join(ARTIFACTS, 'dashboard-desktop-periods.png') });

    // The chart opens on the target that most needs attention: the falling software revenue.
    const badge = page.locator('#indicator-table tbody tr', { hasText: SOFTWARE }).locator('.badge');
    expect(await badge.getAttribute('data-status')).toBe('regressing');
    expect(await badge.textContent()).toBe('倒退');
    await page.waitForFunction(
      (name) => document.getElementById('indicator')?.selectedOptions?.[0]?.textContent?.includes(name),
      SOFTWARE,
    );
    expect(await page.locator('#trajectory-chart canvas').count()).toBeGreaterThan(0);
    const series = await chartSeries(page);
    expect(series[ACTUAL]?.map(([year, value]) => [year, value])).toEqual(
      expect.arrayContaining([
        ['2011', 1.1],
        ['2014', 0.8],
      ]),
    );
    expect(series[REQUIRED]?.length).toBeGreaterThanOrEqual(2);
    expect(series[PROJECTED]?.length).toBeGreaterThanOrEqual(2);
    expect(series[TARGET]).toEqual([['2015', 10]]);
    expect(await page.textContent('#trajectory-summary')).toContain('倒退');

    await noHorizontalScroll(page, 1280);
    await page.waitForSelector('#trajectory-chart[data-drawn="true"]');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-desktop-after.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-desktop-full.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('given a phone-width screen, when a revised sheet is imported, then the revision is ringed on the trajectory and the page fits the screen', async () => {
    expect(afterFirstImport, 'runs after the desktop upload').toBeDefined();
    const page = await open({ width: 390, height: 844 });
    expect(await tileCounts(page)).toEqual(afterFirstImport);
    // A new browser has no session: it shows the sign-in form.
    expect(await page.isVisible('#login-form')).toBe(true);
    await noHorizontalScroll(page, 390);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-phone-before.png') });

    // The revision touches 2014 only: the approved 2011 values in the same sheet are unchanged, so it passes.
    await signIn(page, PEOPLE[0]);
    const revised = await filledWorkbook(rowsWith({ 'software-it-services-revenue': { 2014: 1.6 } }));
    expect(await uploadAndCheck(page, 'revised.xlsx', revised.buffer)).toBe('dry-run');
    expect(await page.textContent('#import-report .report-counts')).toMatch(/修订 1/);
    await page.click('#confirm-import');
    await page.waitForSelector('#import-report .report-status[data-status="imported"]');

    const option = await page.$$eval(
      '#indicator option',
      (options, name) => {
        return options.find((o) => o.textContent?.includes(name))?.getAttribute('value');
      },
      SOFTWARE,
    );
    expect(option).toBeTruthy();
    await page.selectOption('#indicator', option as string);
    await page.waitForSelector('#trajectory-chart[data-drawn="true"]');
    await page.waitForFunction((name) => {
      const echarts = (globalThis as unknown as InPage).echarts;
      const option = echarts.getInstanceByDom(document.getElementById('trajectory-chart'))?.getOption();
      return option?.series?.some((s) => s.name === name && s.data.length > 0);
    }, REVISED);
    const series = await chartSeries(page);
    expect(series[REVISED]?.map(([year, value]) => [year, value])).toEqual([['2014', 1.6]]);
    expect(series[ACTUAL]?.map(([year, value]) => [year, value])).toContainEqual(['2014', 1.6]);
    await page.click('#value-history summary');
    expect(await page.textContent('#value-history-table')).toContain('修订');

    // As of the end of today: the same answer through the asOf parameter, labelled as such.
    const today = await page.evaluate(() => {
      const now = new Date();
      return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
    });
    const counts = await tileCounts(page);
    const asOfRequest = page.waitForRequest((request) => request.url().includes('asOf='));
    // The recording-time view is an advanced control (issue 16): opened first.
    await page.click('#advanced summary');
    await page.fill('#as-of', today);
    await page.dispatchEvent('#as-of', 'change');
    await asOfRequest;
    await page.waitForFunction(
      (day) => document.getElementById('as-of-label')?.textContent?.includes(day),
      today,
    );
    expect(await tileCounts(page)).toEqual(counts);
    expect(await page.isVisible('#as-of-clear')).toBe(true);

    await noHorizontalScroll(page, 390);
    await page.waitForSelector('#trajectory-chart[data-drawn="true"]');
    await page.locator('#trajectory-section').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-phone-trajectory.png') });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-phone-after.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-phone-full.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('given the evaluation year 2013, then the page shows the mid-term picture, and 生成评估报告 opens a printable report', async () => {
    expect(afterFirstImport, 'runs after the uploads').toBeDefined();
    const page = await open({ width: 1280, height: 800 });
    const years = await page.$$eval('#through-year option', (options) => options.map((o) => o.textContent));
    expect(years).toEqual(expect.arrayContaining(['2011年', '2013年（中期评估）', '2015年（终期评估）']));

    await page.selectOption('#through-year', '2013');
    await page.waitForFunction(() => document.getElementById('as-of-label')?.textContent?.includes('2013年'));
    // The label changes first; the tiles when the reads are back (the page is busy until then).
    await page.waitForSelector('body:not([data-busy])');
    await page.waitForSelector('#trajectory-chart[data-drawn="true"]');
    // The tiles are the region's counts of the 2013 picture, as the API gives them
    const card = (await (
      await fetch(`${server.url}/api/v1/plans/${PLAN}/scorecard?throughYear=2013`)
    ).json()) as {
      byRegion: { region: { code: string }; counts: Counts }[];
    };
    const midTerm = card.byRegion.find((r) => r.region.code === REGION)?.counts;
    expect(await tileCounts(page)).toEqual(midTerm);
    // and no 2014 value is drawn
    const series = await chartSeries(page);
    const actualYears = (series[ACTUAL] ?? []).map(([year]) => year);
    expect(actualYears).toContain('2013');
    expect(actualYears).not.toContain('2014');
    expect(new URL(page.url()).searchParams.get('throughYear')).toBe('2013');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-mid-term.png') });

    const [report] = await Promise.all([
      page.context().waitForEvent('page'),
      page.click('#evaluation-report'),
    ]);
    await report.waitForLoadState();
    expect(report.url()).toContain('/evaluation?');
    expect(report.url()).toContain('throughYear=2013');
    expect(await report.textContent('h1')).toContain('中期评估');
    expect(await report.$$eval('table tbody tr', (rows) => rows.length)).toBeGreaterThan(10);
    await report.screenshot({ path: join(ARTIFACTS, 'evaluation-report.png'), fullPage: true });
    // Printed on A4 with the page's own print CSS (size, page numbers)
    const pdf = await report.pdf({ path: join(ARTIFACTS, 'evaluation-report.pdf'), preferCSSPageSize: true });
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
