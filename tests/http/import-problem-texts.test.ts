import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printReport } from '../../src/imports/print-report.ts';
import { problemText } from '../../src/imports/problem-text.ts';
import type { ImportReport } from '../../src/imports/report.ts';
import { lianyungangRowNumber, lianyungangWorkbook } from '../imports/support/lianyungang-table.ts';
import { ADMIN_TOKEN, type HttpFixture, openHttpFixture } from './support.ts';

/**
 * Issue 17: every problem names the indicator as the sheet prints it and the year beside the cell, and a format
 * hint is given once per problem kind. Issue 13: the report's observations carry the row label read from the sheet.
 */

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture();
});
afterAll(async () => {
  await fixture?.close();
});

async function check(file: Buffer): Promise<{ status: number; text: string; report: ImportReport }> {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], 'lianyungang.xlsx'));
  form.set('region', '320700');
  form.set('dryRun', 'true');
  const response = await fixture.app.request('/api/v1/imports', {
    method: 'POST',
    body: form,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const text = await response.text();
  return { status: response.status, text, report: JSON.parse(text) as ImportReport };
}

const row = lianyungangRowNumber;
// Columns of the sheet: E 2011, F 2012, G 2013 (C 2010, D the 2015 target).
const HINT = '可填写：数字（61.48、4900万）';

describe('problem texts in the words of the sheet', () => {
  let report: ImportReport;
  let body: string;

  beforeAll(async () => {
    const file = await lianyungangWorkbook({
      edit: (sheet) => {
        sheet.getCell(`E${row('cable-tv-household-penetration')}`).value = '约八成';
        sheet.getCell(`F${row('broadband-subscribers')}`).value = '很多';
        sheet.getCell(`G${row('mobile-phone-subscribers')}`).value = '不详';
        sheet.getCell(`F${row('mobile-phone-subscribers')}`).value = new Date('2012-12-31');
        sheet.getCell(`E${row('broadband-subscribers')}`).value = new Date('2011-12-31');
        sheet.getCell(`B${row('digital-certificates-issued')}`).value = '数字签名证书';
        sheet.getCell(`B${row('registered-software-products')}`).value = '软件产品';
      },
    });
    const checked = await check(file);
    expect(checked.status).toBe(422);
    report = checked.report;
    body = checked.text;
  });

  it('given three cells that cannot be read, when the sheet is checked, then they are one problem whose hint is given once, each cell with its indicator as printed, its year and its own message', () => {
    const unreadable = report.problems.filter((p) => p.code === 'unreadable_value');
    expect(unreadable).toHaveLength(1);
    const [problem] = unreadable;
    expect(problem?.hint?.zh).toContain(HINT);
    // The hint once in the whole answer, not once per cell.
    expect(body.split(HINT).length - 1).toBe(1);
    expect(problem?.message.zh).not.toContain(HINT);
    // In sheet order.
    expect(problem?.cellDetails).toEqual([
      {
        cell: `附件1!G${row('mobile-phone-subscribers')}`,
        rowLabel: '移动电话用户（万户）',
        year: 2013,
        message: expect.objectContaining({ zh: expect.stringContaining('“不详”') }),
      },
      {
        cell: `附件1!F${row('broadband-subscribers')}`,
        rowLabel: '家庭宽带用户数（万户）',
        year: 2012,
        message: expect.objectContaining({ zh: expect.stringContaining('“很多”') }),
      },
      {
        cell: `附件1!E${row('cable-tv-household-penetration')}`,
        rowLabel: '有线电视入户率（%）',
        year: 2011,
        message: expect.objectContaining({ zh: expect.stringContaining('“约八成”') }),
      },
    ]);
    expect(problem?.cells).toEqual(problem?.cellDetails?.map((d) => d.cell));
  });

  it('given dates in two rows, when checked, then the one problem lists each cell with its own indicator and year', () => {
    const dates = report.problems.find((p) => p.code === 'date_not_a_value');
    expect(dates?.cellDetails).toEqual([
      { cell: `附件1!F${row('mobile-phone-subscribers')}`, rowLabel: '移动电话用户（万户）', year: 2012 },
      { cell: `附件1!E${row('broadband-subscribers')}`, rowLabel: '家庭宽带用户数（万户）', year: 2011 },
    ]);
  });

  it('given two rows named as no indicator of the catalog, when checked, then one problem names both, and says once to use the template’s names', () => {
    const unknown = report.problems.filter((p) => p.code === 'indicator_not_recognised');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.hint?.zh).toBe('请使用模板中的指标名称。');
    expect(body.split('请使用模板中的指标名称').length - 1).toBe(1);
    expect(unknown[0]?.cellDetails).toEqual([
      {
        cell: `附件1!B${row('registered-software-products')}`,
        rowLabel: '软件产品',
        message: expect.objectContaining({ zh: expect.stringContaining('“软件产品”不是目录中的指标') }),
      },
      {
        cell: `附件1!B${row('digital-certificates-issued')}`,
        rowLabel: '数字签名证书',
        message: expect.objectContaining({ zh: expect.stringContaining('“数字签名证书”不是目录中的指标') }),
      },
    ]);
  });

  it('reads each problem cell as 附件1!F16（指标，2012年）：… with the hint once, as the CLI prints it', () => {
    const unreadable = report.problems.find((p) => p.code === 'unreadable_value');
    const dates = report.problems.find((p) => p.code === 'date_not_a_value');
    if (!unreadable || !dates) throw new Error('the problems are missing');
    const lines = problemText(unreadable).split('\n');
    expect(lines).toEqual([
      `附件1!G${row('mobile-phone-subscribers')}（移动电话用户（万户），2013年）：无法识别“不详”（“不详”不是数值）。`,
      `附件1!F${row('broadband-subscribers')}（家庭宽带用户数（万户），2012年）：无法识别“很多”（“很多”不是数值）。`,
      expect.stringMatching(
        new RegExp(
          `^附件1!E${row('cable-tv-household-penetration')}（有线电视入户率（%），2011年）：无法识别“约八成”`,
        ),
      ),
      expect.stringContaining(HINT),
    ]);
    expect(problemText(dates)).toBe(
      `附件1!F${row('mobile-phone-subscribers')}（移动电话用户（万户），2012年）、附件1!E${row('broadband-subscribers')}（家庭宽带用户数（万户），2011年）：${dates.message.zh}`,
    );
    expect(problemText(unreadable, 'en')).toContain(
      `附件1!F${row('broadband-subscribers')} (家庭宽带用户数（万户）, 2012): Cannot read "很多"`,
    );
    // The terminal's table wraps long lines; the hint is there once.
    expect(printReport(report).split('可填写').length - 1).toBe(1);
  });

  it('keeps the same texts in the import history', async () => {
    const kept = (await (await fixture.app.request(`/api/v1/imports/${report.importId}`)).json()) as {
      report: ImportReport;
    };
    expect(kept.report.problems).toEqual(report.problems);
  });
});

describe('the row label read from the sheet (issue 13)', () => {
  it('given a sheet that prints a row under its own name, when checked, then each observation carries that label beside the catalog name', async () => {
    const { status, report } = await check(await lianyungangWorkbook());
    expect(status).toBe(200);
    const zones = report.observations.filter((o) => o.indicator.code === 'integration-demo-zones');
    expect(zones.length).toBeGreaterThan(0);
    for (const o of zones) {
      expect(o.indicator.name).toBe('省级两化融合示范（试验）区');
      expect(o.rowLabel).toBe('省两化融合示范（试验）区（个）');
    }
    expect(report.observations.every((o) => typeof o.rowLabel === 'string' && o.rowLabel !== '')).toBe(true);
  });
});
