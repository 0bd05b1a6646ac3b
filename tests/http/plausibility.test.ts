import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/imports/report.ts';
import { lianyungangRowNumber, lianyungangWorkbook } from '../imports/support/lianyungang-table.ts';
import { ADMIN_TOKEN, type HttpFixture, jsonRequest, openHttpFixture } from './support.ts';

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture();
});
afterAll(async () => {
  await fixture?.close();
});

// 附件1's value columns: C 2010, D the 2015 target, E 2011, F 2012, G 2013, H 2014.
const cellOf = (code: string, column: 'E' | 'F' | 'G' | 'H') => `${column}${lianyungangRowNumber(code)}`;
const SUBSCRIBERS_2012 = cellOf('mobile-phone-subscribers', 'F');
const RURAL_SHARE_2013 = cellOf('rural-information-service-coverage', 'G');
const CAMPUS_2012 = cellOf('campus-network-coverage', 'F');

/** Lianyungang's annual report with a clerk's slips typed into it. */
const reportWith = (typed: Record<string, number>) =>
  lianyungangWorkbook({
    edit: (sheet) => {
      for (const [cell, value] of Object.entries(typed)) sheet.getCell(cell).value = value;
    },
  });

function upload(file: Buffer, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], 'lianyungang-2011-2014.xlsx'));
  form.set('region', '320700');
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return fixture.app.request('/api/v1/imports', {
    method: 'POST',
    body: form,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
}

async function eventCount(): Promise<number> {
  const row = await fixture.database.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const implausibleOf = (report: ImportReport) =>
  report.problems
    .filter((p) => p.code === 'value_implausible')
    .map((p) => ({
      severity: p.severity,
      cells: p.cells,
      rule: p.implausible?.rule,
      expected: p.implausible?.expected,
      confirmed: p.implausible?.confirmed,
    }));

interface HistoryBody {
  entries: { year: number; value: number | null; cell: string | null; implausible: unknown }[];
}
const history = async (indicator: string) =>
  (await (
    await fixture.app.request(`/api/v1/regions/320700/indicators/${indicator}/history`)
  ).json()) as HistoryBody;

describe('a clerk’s typed slips in an annual report', () => {
  it.each([
    ['3,402,000 in a 万户 row meant as 340.2', { [SUBSCRIBERS_2012]: 3_402_000 }, 'unit_slip', '340.2？'],
    ['0.79 for a share that stands near 79 %', { [RURAL_SHARE_2013]: 0.79 }, 'share_as_fraction', '79？'],
  ])(
    'refuses %s at its cell as value_implausible, and writes nothing',
    async (_slip, typed, rule, expected) => {
      const before = await eventCount();
      const response = await upload(await reportWith(typed));
      expect(response.status).toBe(422);
      const report = (await response.json()) as ImportReport;
      expect(report.status).toBe('rejected');
      const [cell] = Object.keys(typed);
      expect(implausibleOf(report)).toEqual([
        { severity: 'implausible', cells: [`附件1!${cell}`], rule, expected, confirmed: false },
      ]);
      expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const [problem] = report.problems;
      expect(problem?.message.zh).toContain(expected);
      expect(problem?.message.en).toContain(expected);
      expect(problem?.implausible).toMatchObject({
        year: rule === 'unit_slip' ? 2012 : 2013,
        confirmed: false,
      });
      expect(await eventCount()).toBe(before);
    },
  );

  it('refuses 185 % for a coverage rate as an error (a hard limit) that no confirmation lets in', async () => {
    const before = await eventCount();
    const file = await reportWith({ [CAMPUS_2012]: 185 });
    for (const fields of [{}, { confirmImplausible: 'true' }] as Record<string, string>[]) {
      const response = await upload(file, fields);
      expect(response.status).toBe(422);
      const report = (await response.json()) as ImportReport;
      expect(report.problems.map((p) => [p.code, p.severity, p.cells])).toEqual([
        ['share_above_100', 'error', [`附件1!${CAMPUS_2012}`]],
      ]);
    }
    expect(await eventCount()).toBe(before);
  });

  it('a dry run lists the implausible values apart from errors, unconfirmed, and writes nothing', async () => {
    const before = await eventCount();
    const file = await reportWith({ [SUBSCRIBERS_2012]: 3_402_000, [RURAL_SHARE_2013]: 0.79 });
    const response = await upload(file, { dryRun: 'true' });
    const report = (await response.json()) as ImportReport;
    // In sheet order: the share's row comes first.
    expect(report.problems.map((p) => [p.severity, p.cell])).toEqual([
      ['implausible', `附件1!${RURAL_SHARE_2013}`],
      ['implausible', `附件1!${SUBSCRIBERS_2012}`],
    ]);
    expect(report.status).toBe('rejected');
    expect(await eventCount()).toBe(before);
  });

  it('confirming only some of the cells still refuses the file, naming the cell left', async () => {
    const before = await eventCount();
    const file = await reportWith({ [SUBSCRIBERS_2012]: 3_402_000, [RURAL_SHARE_2013]: 0.79 });
    const response = await upload(file, { confirmCells: `附件1!${SUBSCRIBERS_2012}` });
    expect(response.status).toBe(422);
    expect(implausibleOf((await response.json()) as ImportReport).map((p) => [p.cells, p.confirmed])).toEqual(
      [
        [[`附件1!${RURAL_SHARE_2013}`], false],
        [[`附件1!${SUBSCRIBERS_2012}`], true],
      ],
    );
    expect(await eventCount()).toBe(before);
  });

  it('imports the same file with confirmImplausible=true, and the history shows each confirmation and its rule', async () => {
    const file = await reportWith({ [SUBSCRIBERS_2012]: 3_402_000, [RURAL_SHARE_2013]: 0.79 });
    const response = await upload(file, { confirmImplausible: 'true' });
    expect(response.status).toBe(201);
    const report = (await response.json()) as ImportReport;
    expect(implausibleOf(report).map((p) => [p.cells, p.rule, p.confirmed])).toEqual([
      [[`附件1!${RURAL_SHARE_2013}`], 'share_as_fraction', true],
      [[`附件1!${SUBSCRIBERS_2012}`], 'unit_slip', true],
    ]);
    const subscribers = await history('mobile-phone-subscribers');
    const slip = subscribers.entries.find((e) => e.year === 2012);
    expect(slip).toMatchObject({
      value: 3_402_000,
      cell: `附件1!${SUBSCRIBERS_2012}`,
      implausible: { confirmed: true, rule: 'unit_slip', expected: '340.2？' },
    });
    // The other values of the file were not flagged: their events carry no confirmation.
    expect(subscribers.entries.filter((e) => e.implausible !== null)).toHaveLength(1);
    const share = (await history('rural-information-service-coverage')).entries.find((e) => e.year === 2013);
    expect(share).toMatchObject({ value: 0.79, implausible: { confirmed: true, rule: 'share_as_fraction' } });
    const csv = await (
      await fixture.app.request(
        '/api/v1/regions/320700/indicators/mobile-phone-subscribers/history?format=csv',
      )
    ).text();
    expect(csv).toContain('已确认的异常值');
  });

  it('imports a plausible annual report (the slips corrected) with no such problem', async () => {
    const response = await upload(await lianyungangWorkbook());
    expect(response.status).toBe(201);
    const report = (await response.json()) as ImportReport;
    expect(report.problems).toEqual([]);
    // The corrections revise the confirmed values; the new statements need no confirmation.
    expect(report.counts.revised).toBe(2);
    const corrected = (await history('mobile-phone-subscribers')).entries.filter((e) => e.year === 2012);
    expect(corrected.map((e) => [e.value, e.implausible === null])).toEqual([
      [3_402_000, false],
      [345, true],
    ]);
  });
});

describe('one value over the API', () => {
  const post = (body: Record<string, unknown>) =>
    fixture.app.request(
      '/api/v1/regions/320700/indicators/mobile-phone-subscribers/values',
      jsonRequest('POST', body, ADMIN_TOKEN),
    );

  it('refuses an implausible value with value_implausible and what was expected, then records it confirmed', async () => {
    const before = await eventCount();
    const refused = await post({ year: 2013, value: 3_628_000 });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      code: 'value_implausible',
      field: 'value',
      implausible: { rule: 'unit_slip', expected: '362.8？' },
    });
    expect(await eventCount()).toBe(before);
    const confirmed = await post({ year: 2013, value: 3_628_000, confirmImplausible: true });
    expect(confirmed.status).toBe(201);
    const { events } = (await confirmed.json()) as { events: { metadata: Record<string, unknown> }[] };
    expect(events[0]?.metadata.implausible).toEqual({
      confirmed: true,
      rule: 'unit_slip',
      expected: '362.8？',
    });
  });

  it('refuses a negative count as a hard limit, confirmed or not', async () => {
    const refused = await post({ year: 2014, value: -3, confirmImplausible: true });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: 'negative_value', field: 'value' });
  });

  it('records a plausible value without a word', async () => {
    const response = await post({ year: 2014, value: 381 });
    expect(response.status).toBe(201);
    const { events } = (await response.json()) as { events: { metadata: Record<string, unknown> }[] };
    expect(events[0]?.metadata.implausible).toBeUndefined();
  });
});
