import { describe, expect, it } from 'vitest';
import { assessProgress, type ProgressInput } from '../../../src/domain/progress/assess.ts';
import { MIN_FIT_POINTS, PROJECTION_CAP } from '../../../src/domain/progress/projection.ts';

/**
 * The projection rule: fewer than three reported years is uncertain; a trend carrying more than twice the
 * required progress is capped there and uncertain.
 */
const input = (overrides: Partial<ProgressInput>): ProgressInput => ({
  direction: 'increase',
  growth: 'compound',
  basis: 'level',
  baseYear: 2010,
  target: { year: 2015, comparator: 'gte', value: 15_000 },
  observations: [],
  ...overrides,
});
const eq = (year: number, value: number) => ({ year, value, comparator: 'eq' as const });

describe('projection rule', () => {
  it('is three points and a cap of twice the required progress', () => {
    expect(MIN_FIT_POINTS).toBe(3);
    expect(PROJECTION_CAP).toBe(2);
  });

  it('数字证书: 185 → 3,400 in two years would project far past 15,000: capped at 29,815 and uncertain', () => {
    const result = assessProgress(input({ observations: [eq(2010, 185), eq(2012, 3400)] }));
    // growth (3400 / 185)^(1/2) = 4.2870…: 3400 × 4.2870^3 ≈ 267,870 in 2015
    expect(result.projection?.fitted).toBeGreaterThan(200_000);
    // cap: 185 + 2 × (15,000 − 185) = 29,815
    expect(result.projection?.value).toBeCloseTo(29_815, 9);
    expect(result.projection?.uncertain).toBe(true);
    expect(result.projection?.doubts).toEqual(['few_points', 'beyond_cap']);
    expect(result.notes).toEqual(expect.arrayContaining(['projection_few_points', 'projection_capped']));
    // the drawn path never leaves the scale
    expect(Math.max(...result.projectedPath.map((p) => p.value))).toBeCloseTo(29_815, 9);
    expect(result.gap).toBeCloseTo(15_000 - 29_815, 9);
  });

  it('three steady years are a projection without doubt', () => {
    const result = assessProgress(
      input({
        target: { year: 2015, comparator: 'gte', value: 161.051 },
        observations: [eq(2010, 100), eq(2011, 108), eq(2012, 116.64)],
      }),
    );
    expect(result.projection?.uncertain).toBe(false);
    expect(result.projection?.doubts).toEqual([]);
    expect(result.projection?.value).toBe(result.projection?.fitted);
  });

  it('two points are drawn, and marked uncertain', () => {
    const result = assessProgress(
      input({
        growth: 'linear',
        target: { year: 2015, comparator: 'gte', value: 100 },
        observations: [eq(2010, 50), eq(2013, 62)],
      }),
    );
    // 4 a year: 62 + 2 × 4 = 70 in 2015, well inside the cap (50 + 2 × 50 = 150)
    expect(result.projection?.value).toBeCloseTo(70, 10);
    expect(result.projection?.doubts).toEqual(['few_points']);
  });

  it('lower is better: a fall past the target is capped on the low side (20 → ≤10: at 0)', () => {
    const result = assessProgress(
      input({
        growth: 'linear',
        direction: 'decrease',
        target: { year: 2015, comparator: 'lte', value: 10 },
        observations: [eq(2010, 20), eq(2011, 14), eq(2012, 8)],
      }),
    );
    // slope −6: 2015 = 14 − 6 × 4 = −10; cap 20 − 2 × 10 = 0
    expect(result.projection?.fitted).toBeCloseTo(-10, 10);
    expect(result.projection?.value).toBe(0);
    expect(result.projection?.doubts).toEqual(['beyond_cap']);
  });

  it('no cap when the target asks for no progress (the baseline already meets it)', () => {
    const result = assessProgress(
      input({
        growth: 'linear',
        target: { year: 2015, comparator: 'gte', value: 10 },
        observations: [eq(2010, 20), eq(2011, 40), eq(2012, 60)],
      }),
    );
    expect(result.projection?.value).toBeCloseTo(120, 10);
    expect(result.projection?.doubts).toEqual([]);
  });
});
