import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCommands } from '../../src/commands/handle.ts';
import type { Database } from '../../src/database/schema.ts';
import type { ProgressRow } from '../../src/projections/progress/row.ts';
import type { SeriesValue } from '../../src/projections/series/value.ts';
import { prepareDatabase } from '../../src/startup.ts';
import { openTestDatabase } from '../support/database.ts';
import { catchUpFully } from './catch-up-fully.ts';
import { expectedStatuses, lianyungangValues, PLAN, REGION, reportCommands } from './lianyungang.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Kysely<Database>;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
  await prepareDatabase(db);
  await catchUpFully(db);
});
afterAll(() => database?.close());

const rowsOf = async (planId: string) =>
  (await db.selectFrom('progress_rows').select('doc').where('plan_id', '=', planId).execute()).map(
    (r) => r.doc as unknown as ProgressRow,
  );
/** A growth-rate target (年均增长35%以上) is keyed apart from the level target of the same indicator and year. */
const keyOf = (r: ProgressRow) =>
  `${r.indicator.code}|${r.part?.code ?? ''}|${r.targetYear}${r.basis === 'annual_growth' ? '|growth' : ''}`;
const rowOf = async (indicator: string, part = '', year = 2015) => {
  const row = (await rowsOf(PLAN)).find((r) => keyOf(r) === `${indicator}|${part}|${year}`);
  if (!row) throw new Error(`no row ${indicator}|${part}|${year}`);
  return row;
};

describe('progress projection', () => {
  it('given the seed catalog alone, has one row per target, each with only its baseline', async () => {
    const rows = await rowsOf(PLAN);
    expect(rows.map(keyOf).sort()).toEqual(Object.keys(expectedStatuses).sort());
    const withBaseline = rows.filter((r) => r.baseline);
    // the 2010 column of 附件1: 20 values; campus network's serves its 2012 and its 2015 target; 第一章 states
    // 2010's 内部联网 60% and 联入国际互联网 56% (issue 13); electronic manufacturing's 89.9 also serves its growth target
    expect(withBaseline.length).toBe(24);
    expect(rows.every((r) => r.status === 'no_data' || r.status === 'achieved')).toBe(true);
  });

  it('when 2011–2013 values are reported, shows every target with the status the worked examples predict', async () => {
    await handleCommands(db, reportCommands(lianyungangValues));
    await catchUpFully(db);
    const statuses = Object.fromEntries((await rowsOf(PLAN)).map((r) => [keyOf(r), r.status]));
    expect(statuses).toEqual(expectedStatuses);
  });

  it('converts each value from the unit it was stated in to the target’s, and shows the value as stated', async () => {
    const cards = await rowOf('social-security-cards-issued');
    expect(cards.unit).toBe('万张');
    expect(cards.calculation.pointsUsed).toEqual([
      { year: 2010, value: 0, comparator: 'eq' },
      { year: 2011, value: 30, comparator: 'eq', stated: { value: 300000, unit: '张' } },
      { year: 2012, value: 90, comparator: 'eq', stated: { value: 900000, unit: '张' } },
      { year: 2013, value: 150, comparator: 'eq', stated: { value: 1500000, unit: '张' } },
    ]);
    expect(cards.calculation.method).toBe('linear');
    expect(cards.requiredRate).toBe(50);
    expect(cards.actualRate).toBe(50);
    const series = await db
      .selectFrom('series_values')
      .selectAll()
      .where('region_code', '=', REGION)
      .where('indicator_code', '=', 'social-security-cards-issued')
      .where('year', '=', 2013)
      .executeTakeFirstOrThrow();
    expect([series.value, series.unit, series.revisions]).toEqual([1500000, '张', 0]);
  });

  it('carries the inputs of the calculation: baseline, rates, method and notes', async () => {
    const row = await rowOf('government-core-business-informatization-coverage');
    expect(row.baseline).toEqual({ year: 2011, value: 50, comparator: 'eq', from: 'first_reported' });
    expect(row.latest).toEqual({ year: 2013, value: 60, comparator: 'eq' });
    expect(row.requiredRate).toBe(7.5);
    expect(row.actualRate).toBe(5);
    expect(row.ratio).toBe(0.666666666667);
    // two reported years (2011, 2013): the projection is the line through them, and says so
    expect(row.calculation.notes.map((n) => n.code)).toEqual([
      'baseline_first_reported',
      'projection_few_points',
    ]);
    expect(row.target.source).toMatchObject({ kind: 'document', document: '000_7f32ec414e3c4464.txt' });
  });

  it('when a value is revised, recomputes that indicator, counts the revision, and keeps the old value in history', async () => {
    await handleCommands(
      db,
      reportCommands([['broadband-subscribers', null, 2013, 70, '万户']], '2014-06-01T09:00:00+08:00'),
    );
    await catchUpFully(db);
    // (70 / 39.64)^(1/3) − 1 = 20.89 % against 20.35 %: ratio 1.0266
    const row = await rowOf('broadband-subscribers');
    expect(row.status).toBe('on_track');
    expect(row.ratio).toBeCloseTo(1.0266, 4);
    const series = await db
      .selectFrom('series_values')
      .select(['revisions', 'doc'])
      .where('region_code', '=', REGION)
      .where('indicator_code', '=', 'broadband-subscribers')
      .where('year', '=', 2013)
      .executeTakeFirstOrThrow();
    expect(series.revisions).toBe(1);
    const doc = series.doc as unknown as SeriesValue;
    expect(doc.history.map((h) => [h.change, h.value])).toEqual([
      ['reported', 45],
      ['revised', 70],
    ]);
  });

  it('when a value is retracted, the indicator loses that point', async () => {
    await handleCommands(db, [
      {
        type: 'RetractValue',
        data: {
          regionCode: REGION,
          indicatorCode: 'certified-software-enterprises',
          part: null,
          year: 2013,
          reason: 'reported for the wrong city',
          source: { kind: 'api' },
        },
        metadata: { actor: { kind: 'system', id: 't', name: 't' }, occurredAt: '2014-06-02T09:00:00+08:00' },
      },
    ]);
    await catchUpFully(db);
    const row = await rowOf('certified-software-enterprises');
    expect(row.status).toBe('no_data');
    expect(row.latest).toEqual({ year: 2010, value: 11, comparator: 'eq' });
  });

  it('when a later statement revises a target, the row shows the new target and the earlier one', async () => {
    await handleCommands(db, [
      {
        type: 'StateTarget',
        data: {
          planId: PLAN,
          regionCode: REGION,
          indicatorCode: 'mobile-phone-subscribers',
          part: null,
          tier: null,
          year: 2015,
          basis: 'level',
          comparator: 'gte',
          value: 600,
          unit: '万户',
          source: { kind: 'api', note: 'a later document' },
        },
        metadata: { actor: { kind: 'system', id: 't', name: 't' }, occurredAt: '2014-06-03T09:00:00+08:00' },
      },
    ]);
    await catchUpFully(db);
    const row = await rowOf('mobile-phone-subscribers');
    expect(row.target).toMatchObject({ value: 600, revised: true });
    expect(row.target.earlier.map((e) => e.value)).toEqual([400]);
    // (600/316.21)^(1/5) − 1 = 13.67 % required; 6.32 % achieved: ratio 0.46
    expect(row.status).toBe('insufficient');
  });
});

describe('tier and growth-rate targets', () => {
  const actor = { kind: 'system', id: 't', name: 't' } as const;
  const report = (
    regionCode: string,
    indicatorCode: string,
    part: string | null,
    year: number,
    value: number,
    unit: string,
  ) => ({
    type: 'ReportValue' as const,
    data: {
      regionCode,
      indicatorCode,
      part,
      year,
      comparator: 'eq' as const,
      value,
      unit,
      source: { kind: 'api' as const },
    },
    metadata: { actor, occurredAt: '2014-07-01T09:00:00+08:00' },
  });
  const rowsWhere = async (planId: string, indicator: string) =>
    (await rowsOf(planId)).filter((r) => r.indicator.code === indicator);

  it('assesses a tier target (省级>90) against the values reported for that tier, and the others as no_data', async () => {
    await handleCommands(db, [
      report('320000', 'government-core-business-informatization-coverage', 'province', 2010, 80, '%'),
      report('320000', 'government-core-business-informatization-coverage', 'province', 2013, 92, '%'),
    ]);
    await catchUpFully(db);
    const rows = await rowsWhere('jiangsu-12fyp', 'government-core-business-informatization-coverage');
    expect(rows.map((r) => [r.tier, r.status, r.calculation.observedPart])).toEqual([
      ['city', 'no_data', 'city'],
      ['county', 'no_data', 'county'],
      ['province', 'achieved', 'province'],
    ]);
    // the 2013 document restated 省级>90 as ≥90: a revision, with the earlier statement kept
    const province = rows.find((r) => r.tier === 'province');
    expect(province?.target).toMatchObject({ comparator: 'gte', value: 90, revised: true });
    expect(province?.target.earlier.map((e) => [e.comparator, e.value])).toEqual([['gt', 90]]);
  });

  it('assesses a growth-rate target (年均增长11.5%以上) beside the level target of the same indicator', async () => {
    await handleCommands(db, [
      report('370200', 'electronic-manufacturing-revenue', null, 2011, 2850, '亿元'),
      report('370200', 'electronic-manufacturing-revenue', null, 2012, 3178, '亿元'),
    ]);
    await catchUpFully(db);
    const rows = await rowsWhere('qingdao-12fyp', 'electronic-manufacturing-revenue');
    const growth = rows.find((r) => r.basis === 'annual_growth');
    const level = rows.find((r) => r.basis === 'level');
    // 2556 → 3178 in two years: (3178/2556)^(1/2) − 1 = 11.506 % a year against 11.5 %: ratio 1.0005
    expect(growth).toMatchObject({ unit: '亿元', requiredRate: 0.115, status: 'on_track', final: false });
    expect(growth?.actualRate).toBeCloseTo(0.11505559627563, 12);
    expect(growth?.ratio).toBe(1.00048344588); // 12 significant digits
    // the level target 4300 needs (4300/2556)^(1/5) − 1 = 10.96 % a year: ratio 1.049
    expect(level?.requiredRate).toBeCloseTo(0.10963851179781, 12);
    expect(level?.status).toBe('on_track');
  });
});
