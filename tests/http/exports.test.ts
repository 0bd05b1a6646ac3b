import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpFixture, jsonRequest, openHttpFixture, problemOf } from './support.ts';

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture();
}, 120_000);
afterAll(async () => {
  await fixture?.close();
});

const table = {
  title: '连云港市-指标一览',
  rows: [
    ['指标', '2015年目标', '最新值', '状态'],
    ['家庭宽带用户数', '100 万户', '45', '进展顺利'],
    ['移动电话用户', '400 万户', '1,234.5', '=HYPERLINK("http://example.invalid")'],
  ],
};

const exportTable = (body: unknown, init: Record<string, string> = {}) =>
  fixture.app.request('/api/v1/exports/xlsx', jsonRequest('POST', body, undefined, init));

describe('POST /api/v1/exports/xlsx: a dashboard table as a workbook', () => {
  it('given the rows a table shows, when exported without a token, then the workbook holds them: header frozen, numbers as numbers, no formula', async () => {
    const response = await exportTable(table);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toContain('spreadsheetml');
    expect(response.headers.get('Content-Disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('连云港市-指标一览.xlsx')}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('连云港市-指标一览');
    if (!sheet) throw new Error('no sheet named after the title');
    expect(sheet.getRow(1).values).toEqual([undefined, '指标', '2015年目标', '最新值', '状态']);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(2).values).toEqual([undefined, '家庭宽带用户数', '100 万户', 45, '进展顺利']);
    expect(sheet.getCell('C3').value).toBe(1234.5);
    // Text that looks like a formula stays the text shown.
    expect(sheet.getCell('D3').value).toBe('=HYPERLINK("http://example.invalid")');
    expect(sheet.getCell('D3').formula).toBeUndefined();
  });

  it('given no rows, a title too long or a body that is not JSON, then 400 or 415 with a problem, and no file', async () => {
    const empty = await exportTable({ title: 'x', rows: [] });
    expect(empty.status).toBe(400);
    expect(await problemOf(empty)).toMatchObject({ code: 'validation_failed', field: 'rows' });
    const long = await exportTable({ title: '长'.repeat(101), rows: table.rows });
    expect((await problemOf(long)).field).toBe('title');
    const text = await fixture.app.request('/api/v1/exports/xlsx', {
      method: 'POST',
      body: 'rows',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect([400, 415]).toContain(text.status);
    expect((await problemOf(text)).code).toBeTruthy();
  });
});

describe('POST /api/v1/exports/xlsx: bounds', () => {
  it('given more rows than a table has (20,001), then 400 naming rows, in both languages', async () => {
    const response = await exportTable({ title: 'x', rows: Array.from({ length: 20_001 }, () => ['1']) });
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ code: 'validation_failed', field: 'rows' });
    expect((problem.message as { zh: string }).zh).toContain('最多 20000 行');
  });
});
