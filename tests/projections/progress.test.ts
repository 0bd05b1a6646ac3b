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
const keyOf = (r: ProgressRow) => `${r.indicator.code}|${r.part?.code ?? ''}|${r.targetYear}`;
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
    // the 2010 column of 附件1: 20 values; campus network's serves its 2012 and its 2015 target
    expect(withBaseline.length).toBe(21);
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
    expect(row.calculation.notes.map((n) => n.code)).toEqual(['baseline_first_reported']);
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
