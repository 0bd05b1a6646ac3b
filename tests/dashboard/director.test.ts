import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../support/database.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { filledWorkbook, PLAN, plausibleRows, REGION } from './filled-workbook.ts';
import { launchChromium, browserMissing as missingBrowser, serviceDatabase } from './support/chromium.ts';

/**
 * The director's views in a real browser against the real service: the comparison of one indicator across the
 * regions that have a target for it, an indicator page reached from the table, CSV, XLSX and PNG exports, the shared
 * address keeping the status filter, at 1280×800 and at phone width. Screenshots go to tests/artifacts/.
 */

const ADMIN = 'director-test-admin-token';
const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
const QINGDAO = '370200';
const BROADBAND = 'broadband-subscribers';
const SOFTWARE = 'software-it-services-revenue';
const FILE = `${PLAN}-2011-2014.xlsx`;

/** What the functions run in the page touch (the project's type check has no DOM library). */
interface InPageElement {
  textContent: string | null;
  firstChild: unknown;
  dataset: Record<string, string | undefined>;
}
declare const document: {
  getElementById(id: string): InPageElement | null;
  querySelector(selector: string): InPageElement | null;
  querySelectorAll(selector: string): ArrayLike<InPageElement>;
  createRange(): { selectNodeContents(node: unknown): void; getClientRects(): ArrayLike<unknown> };
  documentElement: { scrollWidth: number };
};

const browserMissing = missingBrowser('director');

async function saved(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFile(path);
}

describe.skipIf(browserMissing !== undefined)(`the director's views in a browser (${testEngine})`, () => {
  let server: ServerProcess;
  let browser: Browser;
  let cleanup: () => Promise<void> = async () => {};
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    const service = await serviceDatabase('director');
    const { env } = service;
    cleanup = service.cleanup;
    [server, browser] = await Promise.all([
      startServer({ ...env, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn' }),
      launchChromium(),
    ]);
    // Given Lianyungang's 2011–2014 sheet imported, and Qingdao's 2014 broadband subscribers reported.
    const body = new FormData();
    const filled = await filledWorkbook(plausibleRows());
    body.set('file', new Blob([new Uint8Array(filled.buffer)]), FILE);
    body.set('region', REGION);
    body.set('plan', PLAN);
    const imported = await fetch(`${server.url}/api/v1/imports`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}` },
      body,
    });
    expect(imported.status, await imported.clone().text()).toBe(201);
    const reported = await fetch(`${server.url}/api/v1/regions/${QINGDAO}/indicators/${BROADBAND}/values`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ year: 2014, value: 150 }),
    });
    expect(reported.status, await reported.clone().text()).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await cleanup();
  });

  async function open(viewport: { width: number; height: number }, query: string): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
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
    await page.goto(`${server.url}/${query}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    expect(foreign).toEqual([]);
    return page;
  }

  async function noHorizontalScroll(page: Page, width: number) {
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, 'the page is wider than the screen').toBeLessThanOrEqual(width);
  }

  it('given a desktop, when the director compares broadband subscribers across regions, then the regions with a target are ranked in a chart and a table that export as CSV, XLSX and PNG', async () => {
    const page = await open({ width: 1280, height: 800 }, `?plan=${PLAN}&region=${REGION}`);
    await page.selectOption('#compare-indicator', BROADBAND);
    await page.waitForFunction(() =>
      document.getElementById('compare-caption')?.textContent?.startsWith('宽带用户数：2014年'),
    );
    // Every region with a target for it, as the compare API lists them, best first.
    const api = (await (await fetch(`${server.url}/api/v1/indicators/${BROADBAND}/compare`)).json()) as {
      year: number;
      regions: { region: { code: string }; targets: unknown[] }[];
    };
    expect(api.year).toBe(2014);
    const withTarget = api.regions.filter((r) => r.targets.length > 0).map((r) => r.region.code);
    const rows = await page.$$eval('#compare-table tbody tr', (trs) =>
      trs.map((tr) => ({
        region: (tr as unknown as InPageElement).dataset.region,
        cells: [...tr.children].map((cell) => cell.textContent?.trim()),
      })),
    );
    expect(rows.map((r) => r.region).sort()).toEqual([...withTarget].sort());
    expect(rows[0]?.cells.slice(0, 3)).toEqual(['1', '青岛市', '150 万户']);
    expect(rows[1]?.cells.slice(0, 3)).toEqual(['2', '连云港市', '45 万户']);
    expect(new URL(page.url()).searchParams.get('compare')).toBe(BROADBAND);
    await page.waitForSelector('#compare-chart[data-drawn="true"]');
    await page
      .locator('#compare-section')
      .screenshot({ path: join(ARTIFACTS, 'director-compare-desktop.png') });

    // The table as CSV: what it shows, header first, opened by Excel (UTF-8 BOM).
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#compare-tools [data-export="csv"]'),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^地区对比-宽带用户数-2014年\.csv$/);
    const text = (await saved(csv)).toString('utf8');
    expect(text.startsWith('\ufeff排名,地区,数值（2014年）,目标,状态\r\n')).toBe(true);
    // Qingdao has one year reported and no baseline: its status says the data are too few, not that there are none.
    expect(text).toContain('1,青岛市,150 万户,2015年 ＞200 万户,数据不足');
    expect(text).toContain('2,连云港市,45 万户,2015年 ≥100 万户,');

    // The same rows as an Excel workbook, made by the server (POST /api/v1/exports/xlsx), read back with exceljs.
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#compare-tools [data-export="xlsx"]'),
    ]);
    expect(xlsx.suggestedFilename()).toBe('地区对比-宽带用户数-2014年.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await saved(xlsx)).buffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the workbook has no sheet');
    expect(sheet.getRow(1).values).toEqual([undefined, '排名', '地区', '数值（2014年）', '目标', '状态']);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 5)).toEqual([
      1,
      '青岛市',
      '150 万户',
      '2015年 ＞200 万户',
    ]);
    expect((sheet.getRow(3).values as unknown[]).slice(1, 5)).toEqual([
      2,
      '连云港市',
      '45 万户',
      '2015年 ≥100 万户',
    ]);

    // The chart as PNG.
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#compare-tools [data-export="png"]'),
    ]);
    expect(png.suggestedFilename()).toBe('地区对比-宽带用户数-2014年.png');
    const bytes = await saved(png);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.length).toBeGreaterThan(5_000);

    // The trajectory chart too.
    await page.waitForSelector('#trajectory-chart[data-drawn="true"]');
    const [trajectory] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#trajectory-tools [data-export="png"]'),
    ]);
    expect(trajectory.suggestedFilename()).toMatch(/指标轨迹\.png$/);
    expect((await saved(trajectory)).subarray(1, 4).toString()).toBe('PNG');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('given a status tile chosen, then the address keeps it, and the link copied opens the same filtered view', async () => {
    const page = await open({ width: 1280, height: 800 }, `?plan=${PLAN}&region=${REGION}`);
    await page.click('#status-tiles .tile[data-status="regressing"]');
    await page.waitForFunction(() => document.getElementById('table-filter')?.textContent?.includes('倒退'));
    expect(new URL(page.url()).searchParams.get('status')).toBe('regressing');
    await page.click('#share-link');
    await page.waitForFunction(() => document.getElementById('share-link')?.textContent === '链接已复制');
    const copied = await page.evaluate('navigator.clipboard.readText()');
    expect(copied).toBe(page.url());

    const shared = await open({ width: 1280, height: 800 }, new URL(String(copied)).search);
    expect(await shared.textContent('#table-filter')).toContain('只显示“倒退”');
    const statuses = await shared.$$eval('#indicator-table tbody .badge', (badges) =>
      badges.map((b) => (b as unknown as InPageElement).dataset.status),
    );
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['regressing']));
    await page.context().close();
    await shared.context().close();
  }, 180_000);

  it('given the indicator table, when 指标页 of the software revenue is followed, then its page gives the definition, each target with its document and section, and the values with who and which file', async () => {
    const page = await open({ width: 1280, height: 800 }, `?plan=${PLAN}&region=${REGION}`);
    // The value history under the chart: short columns on one line (the 类型 column once wrapped per character).
    await page.click('#value-history summary');
    const lines = await page.evaluate(() => {
      const cells = [...Array.from(document.querySelectorAll('#value-history-table td[data-label="类型"]'))];
      return cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell.firstChild);
        return range.getClientRects().length;
      });
    });
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines)).toEqual(new Set([1]));
    await page
      .locator('#trajectory-section')
      .screenshot({ path: join(ARTIFACTS, 'director-value-history-desktop.png') });

    const row = page.locator('#indicator-table tbody tr', { hasText: '软件和信息服务业业务收入' });
    await Promise.all([page.waitForURL(/indicator=/), row.locator('a.page-link').click()]);
    await page.waitForSelector('body[data-ready="true"]');
    expect(new URL(page.url()).searchParams.get('indicator')).toBe(SOFTWARE);
    expect(await page.isHidden('#main')).toBe(true);
    expect(await page.textContent('#indicator-page-title')).toBe('软件和信息服务业业务收入');
    const definition = await page.textContent('#indicator-page .definition');
    expect(definition).toContain('单位亿元');
    expect(definition).toContain('方向越高越好');
    expect(definition).toMatch(/增长模型按年均增长率推算/);

    const citation = await page.textContent('#indicator-targets tbody td.source');
    expect(citation).toContain('《连云港市“十二五”信息化发展规划》');
    expect(citation).toContain('附件1');
    const history = await page.$$eval('#indicator-history tbody tr', (trs) =>
      trs.map((tr) =>
        Object.fromEntries(
          [...tr.children].map((cell) => [
            (cell as unknown as InPageElement).dataset.label,
            cell.textContent?.trim(),
          ]),
        ),
      ),
    );
    expect(history).toContainEqual(
      expect.objectContaining({
        年份: '2014年',
        类型: '报送',
        报送人: 'ADMIN_TOKEN',
        文件与单元格: expect.stringContaining(FILE),
      }),
    );
    // Its chart: the region's values by year and the target, saved as PNG like every chart.
    await page.waitForSelector('#indicator-chart[data-drawn="true"]');
    const [chart] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#indicator-page [data-export="png"]'),
    ]);
    expect(chart.suggestedFilename()).toBe('软件和信息服务业业务收入-连云港市-数值与目标.png');
    expect((await saved(chart)).subarray(1, 4).toString()).toBe('PNG');
    await page.screenshot({ path: join(ARTIFACTS, 'director-indicator-desktop.png'), fullPage: true });

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#indicator-page [data-export="csv"] >> nth=1'),
    ]);
    const text = (await saved(csv)).toString('utf8');
    expect(text).toContain('年份,分项,类型,数值,原值,报送人,文件与单元格,记录时间');
    expect(text).toContain(FILE);

    // Back to the overview, where the chart's target label and the footer's method note are seen.
    await Promise.all([
      page.waitForURL((url) => !url.searchParams.has('indicator')),
      page.click('#indicator-page a.back'),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#trajectory-chart[data-drawn="true"]');
    await page
      .locator('#trajectory-section')
      .screenshot({ path: join(ARTIFACTS, 'director-trajectory-desktop.png') });
    await page.click('#method summary');
    expect(await page.textContent('#method')).toContain('进展顺利');
    expect(await page.getAttribute('#method a', 'href')).toBe('/docs');
    await page.screenshot({ path: join(ARTIFACTS, 'director-overview-desktop-full.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('given a phone-width screen, then the comparison and an indicator page fit the screen', async () => {
    const page = await open(
      { width: 390, height: 844 },
      `?plan=${PLAN}&region=${REGION}&compare=${BROADBAND}`,
    );
    await page.waitForSelector('#compare-chart[data-drawn="true"]');
    expect(await page.$$eval('#compare-table tbody tr', (trs) => trs.length)).toBeGreaterThan(1);
    await noHorizontalScroll(page, 390);
    await page
      .locator('#compare-section')
      .screenshot({ path: join(ARTIFACTS, 'director-compare-phone.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'director-overview-phone-full.png'), fullPage: true });

    const indicator = await open(
      { width: 390, height: 844 },
      `?plan=${PLAN}&region=${REGION}&indicator=${SOFTWARE}`,
    );
    expect(await indicator.textContent('#indicator-page-title')).toBe('软件和信息服务业业务收入');
    await noHorizontalScroll(indicator, 390);
    await indicator.screenshot({ path: join(ARTIFACTS, 'director-indicator-phone.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.context().close();
    await indicator.context().close();
  }, 180_000);
});
