import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/imports/report.ts';
import type { PlanCompleteness } from '../../src/projections/completeness/query.ts';
import { LIANYUNGANG_ROWS, lianyungangWorkbook } from '../imports/support/lianyungang-table.ts';
import { ADMIN_TOKEN, type HttpFixture, openHttpFixture } from './support.ts';

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture();
});
afterAll(async () => {
  await fixture?.close();
});

// 附件1's value columns: E 2011, F 2012, G 2013, H 2014 (C is 2010, D the target).
const COLUMN_OF_YEAR: Record<number, string> = { 2011: 'E', 2012: 'F', 2013: 'G', 2014: 'H' };

/** Lianyungang's sheet with one report year's column only (the others emptied). */
const sheetOfYear = (year: number) =>
  lianyungangWorkbook({
    edit: (sheet) => {
      for (const [other, column] of Object.entries(COLUMN_OF_YEAR)) {
        if (Number(other) === year) continue;
        for (let row = 3; row < 3 + LIANYUNGANG_ROWS.length; row++)
          sheet.getCell(`${column}${row}`).value = null;
      }
    },
  });

async function importAt(file: Buffer, now: string): Promise<ImportReport> {
  const app = fixture.appWith({}, { now: () => new Date(now) });
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], 'lianyungang.xlsx'));
  form.set('region', '320700');
  const response = await app.request('/api/v1/imports', {
    method: 'POST',
    body: form,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as ImportReport;
}

const completeness = async (query = '') =>
  (await (
    await fixture.app.request(`/api/v1/plans/lianyungang-12fyp/completeness${query}`)
  ).json()) as PlanCompleteness;

/** The values of a report year the file gave for the plan's expected indicators and parts. */
const reportedIn = (report: ImportReport, year: number) =>
  new Set(
    report.observations
      .filter((o) => o.kind === 'actual' && o.year === year)
      .map((o) => `${o.indicator.code}|${o.part ?? ''}`),
  );

describe('completeness of Lianyungang’s reports', () => {
  let expected: number;
  let in2011: number;
  let in2012: number;

  it('before any report: every year expects the plan’s values and has none', async () => {
    const { regions } = await completeness();
    expect(regions.map((r) => r.region.code)).toEqual(['320700']);
    const [lianyungang] = regions;
    expected = lianyungang?.years[0]?.expected ?? 0;
    expect(expected).toBeGreaterThan(20);
    expect(lianyungang?.years.map((y) => [y.year, y.expected, y.reported, y.inByDeadline])).toEqual(
      [2011, 2012, 2013, 2014, 2015].map((year) => [year, expected, 0, null]),
    );
    expect(lianyungang?.targetsNeverReported).toBe(lianyungang?.targets);
  });

  it('after 2011 (on time) and 2012 (late) are imported: their counts match the files, 2013–2015 have none, 2012 is late', async () => {
    const first = await importAt(await sheetOfYear(2011), '2012-03-20T09:00:00+08:00');
    const second = await importAt(await sheetOfYear(2012), '2013-05-06T10:00:00+08:00');
    in2011 = reportedIn(first, 2011).size;
    in2012 = reportedIn(second, 2012).size;
    expect(in2011).toBeGreaterThan(15);
    const [lianyungang] = (await completeness()).regions;
    const byYear = Object.fromEntries((lianyungang?.years ?? []).map((y) => [y.year, y]));
    expect(byYear[2011]).toMatchObject({
      expected,
      reported: in2011,
      share: in2011 / expected,
      lastReportAt: '2012-03-20T01:00:00.000Z',
      deadline: '2012-03-31T16:00:00.000Z',
      inByDeadline: true,
    });
    expect(byYear[2012]).toMatchObject({
      reported: in2012,
      lastReportAt: '2013-05-06T02:00:00.000Z',
      deadline: '2013-03-31T16:00:00.000Z',
      inByDeadline: false,
    });
    for (const year of [2013, 2014, 2015]) {
      expect(byYear[year]).toMatchObject({ reported: 0, share: 0, lastReportAt: null, inByDeadline: null });
    }
    expect(lianyungang?.targetsNeverReported).toBeLessThan(lianyungang?.targets ?? 0);
  });

  it('filters by region and year, and answers CSV (one row per region and year) with an ETag', async () => {
    const one = await completeness('?region=320700&year=2012');
    expect(one.regions[0]?.years.map((y) => [y.year, y.reported])).toEqual([[2012, in2012]]);
    expect((await completeness('?region=320400')).regions).toEqual([]);
    const csv = await fixture.app.request('/api/v1/plans/lianyungang-12fyp/completeness?format=csv');
    expect(csv.headers.get('Content-Type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'regionCode,regionName,year,expected,reported,share,lastReportAt,deadline,inByDeadline',
    );
    expect(lines).toHaveLength(6);
    expect(lines[2]).toContain(`,2012,${expected},${in2012},`);
    const etag = csv.headers.get('ETag') ?? '';
    const again = await fixture.app.request('/api/v1/plans/lianyungang-12fyp/completeness?format=csv', {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('moves the deadline with REPORT_DEADLINE: with 05-31 the 2012 report was on time', async () => {
    const app = fixture.appWith({ reportDeadline: { month: 5, day: 31 } });
    const body = (await (
      await app.request('/api/v1/plans/lianyungang-12fyp/completeness?year=2012')
    ).json()) as PlanCompleteness;
    expect(body.regions[0]?.years[0]).toMatchObject({
      deadline: '2013-05-31T16:00:00.000Z',
      inByDeadline: true,
    });
  });

  it('answers 404 for an unknown plan and 400 for a bad year', async () => {
    expect((await fixture.app.request('/api/v1/plans/nowhere-12fyp/completeness')).status).toBe(404);
    expect((await fixture.app.request('/api/v1/plans/lianyungang-12fyp/completeness?year=20x2')).status).toBe(
      400,
    );
  });
});
