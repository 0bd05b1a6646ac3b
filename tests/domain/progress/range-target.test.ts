import { describe, expect, it } from 'vitest';
import { assessProgress, type Observation, type ProgressInput } from '../../../src/domain/progress/assess.ts';
import { satisfies, verdict } from '../../../src/domain/progress/meets-target.ts';

/**
 * A range target (between: Lianyungang's 建设3到5个…电子商务交易平台): inside the range it is achieved; below
 * the lower bound progress is measured to that bound; above the upper bound it is achieved too (超额完成) and
 * flagged `beyond_range`. For a lower-is-better indicator the near bound is the upper one.
 */

const points = (...pairs: [number, number][]): Observation[] =>
  pairs.map(([year, value]) => ({ year, value, comparator: 'eq' }));

const platforms = (observations: Observation[], overrides: Partial<ProgressInput> = {}) =>
  assessProgress({
    direction: 'increase',
    growth: 'linear',
    basis: 'level',
    baseYear: 2010,
    target: { year: 2015, comparator: 'between', value: 3, upper: 5 },
    observations,
    ...overrides,
  });

describe('a range target (3到5个)', () => {
  it('given 4 platforms in 2015 (inside the range), then it is achieved, without the beyond flag', () => {
    const result = platforms(points([2010, 0], [2013, 2], [2015, 4]));
    expect(result.status).toBe('achieved');
    expect(result.final).toBe(true);
    expect(result.notes).toContain('range_target');
    expect(result.notes).not.toContain('beyond_range');
  });

  it('given 3 platforms in 2015 (the lower bound itself), then it is achieved', () => {
    expect(platforms(points([2010, 0], [2015, 3])).status).toBe('achieved');
  });

  it('given 1 platform in 2013 of 0 in 2010, then progress is measured to the lower bound 3', () => {
    const result = platforms(points([2010, 0], [2013, 1]));
    // required (3 − 0) / 5 = 0.6 a year; achieved (1 − 0) / 3 = 0.333…; ratio 0.556: insufficient (< 0.6)
    expect(result.requiredRate).toBeCloseTo(0.6, 12);
    expect(result.actualRate).toBeCloseTo(1 / 3, 12);
    expect(result.ratio).toBeCloseTo(0.555555555556, 9);
    expect(result.status).toBe('insufficient');
    expect(result.requiredPath.at(-1)).toEqual({ year: 2015, value: 3 });
    // completion: (1 − 0) / (3 − 0)
    expect(result.completion?.progress).toBeCloseTo(1 / 3, 12);
  });

  it('given 2 platforms in 2015, then it is not achieved, 1 short of the lower bound', () => {
    const result = platforms(points([2010, 0], [2015, 2]));
    expect(result.status).toBe('not_achieved');
    expect(result.gap).toBe(1);
  });

  it('given 7 platforms in 2015 (above 5), then it is achieved and flagged beyond_range', () => {
    const result = platforms(points([2010, 0], [2015, 7]));
    expect(result.status).toBe('achieved');
    expect(result.notes).toEqual(expect.arrayContaining(['range_target', 'beyond_range']));
  });

  it('given a lower-is-better indicator with a range 3到5, then 6 is measured to the upper bound and 2 is beyond', () => {
    const decrease = { direction: 'decrease' as const };
    const above = platforms(points([2010, 10], [2015, 6]), decrease);
    expect(above.status).toBe('not_achieved');
    expect(above.requiredPath.at(-1)).toEqual({ year: 2015, value: 5 });
    const below = platforms(points([2010, 10], [2015, 2]), decrease);
    expect(below.status).toBe('achieved');
    expect(below.notes).toContain('beyond_range');
  });
});

describe('what a value proves about a range', () => {
  it('is met inside it, both bounds included, and missed outside', () => {
    const range = { comparator: 'between' as const, value: 3, upper: 5 };
    expect([2.9, 3, 4, 5, 5.1].map((v) => satisfies(v, range))).toEqual([false, true, true, true, false]);
    expect(verdict({ comparator: 'gte', value: 3.5 }, range)).toBe('open');
    expect(verdict({ comparator: 'lt', value: 3 }, range)).toBe('missed');
    expect(verdict({ comparator: 'between', value: 3.5, upper: 4 }, range)).toBe('met');
  });
});
