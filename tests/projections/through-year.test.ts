import { describe, expect, it } from 'vitest';
import { progressRowOf } from '../../src/projections/progress/row.ts';
import { rowThroughYear } from '../../src/projections/progress/through-year.ts';
import type { SeriesValue } from '../../src/projections/series/value.ts';

/** A row through a report year is the row computed from that year's values and earlier ones only. */

const plan = {
  planId: 'p',
  regionCode: '320700',
  title: '规划',
  period: { start: 2011, end: 2015 },
  document: null,
};
const indicator = {
  code: 'broadband-subscribers',
  name: '宽带用户数',
  category: '信息基础设施',
  unit: '万户',
  kind: 'count',
  direction: 'increase' as const,
  growth: 'linear' as const,
  parts: [],
};
const target = {
  planId: 'p',
  regionCode: '320700',
  indicatorCode: 'broadband-subscribers',
  part: null,
  tier: null,
  year: 2015,
  basis: 'level' as const,
  current: {
    comparator: 'gte' as const,
    value: 100,
    unit: '万户',
    source: { kind: 'api' as const },
    recordedAt: '2020-01-01T00:00:00.000Z',
  },
  earlier: [],
};
const value = (year: number, v: number) =>
  ({
    regionCode: '320700',
    indicatorCode: 'broadband-subscribers',
    part: null,
    year,
    current: { value: v, unit: '万户', comparator: 'eq' },
  }) as unknown as SeriesValue;
const series = [
  value(2010, 40),
  value(2011, 52),
  value(2012, 64),
  value(2013, 76),
  value(2014, 86),
  value(2015, 95),
];
const rowOf = (values: SeriesValue[]) => progressRowOf(target, plan, indicator, undefined, values);

describe('rowThroughYear', () => {
  it('through 2013 equals the row of the values up to 2013: on_track, not final', () => {
    const full = rowOf(series);
    expect([full.status, full.final]).toEqual(['not_achieved', true]);
    const midTerm = rowThroughYear(full, 2013);
    expect(midTerm).toEqual(rowOf(series.filter((v) => v.year <= 2013)));
    // (76 − 40) / 3 = 12 a year against (100 − 40) / 5 = 12: ratio 1
    expect([midTerm.status, midTerm.final, midTerm.ratio]).toEqual(['on_track', false, 1]);
  });

  it('through a year before any report: only the baseline, no_data', () => {
    expect(rowThroughYear(rowOf(series), 2010).status).toBe('no_data');
  });

  it('through the target year or later: the row itself', () => {
    const full = rowOf(series);
    expect(rowThroughYear(full, 2015)).toEqual(full);
    expect(rowThroughYear(full, 2020)).toEqual(full);
  });
});
