import { describe, expect, it } from 'vitest';
import { assessProgress, type Observation, type ProgressInput } from '../../../src/domain/progress/assess.ts';

/**
 * Worked examples, one per status and per growth model. Every expected number is worked out by hand in the
 * comment above it; the baseline year is 2010 and the plan period 2011–2015 unless a test says otherwise.
 */

const points = (...pairs: [number, number][]): Observation[] =>
  pairs.map(([year, value]) => ({ year, value, comparator: 'eq' }));

const input = (overrides: Partial<ProgressInput>): ProgressInput => ({
  direction: 'increase',
  growth: 'linear',
  basis: 'level',
  baseYear: 2010,
  target: { year: 2015, comparator: 'gte', value: 100 },
  observations: [],
  ...overrides,
});

describe('assessProgress: one worked example per status', () => {
  it('achieved: the latest actual meets the target (Lianyungang campus network, 2012 target ≥100 %)', () => {
    // given 85 (2010), 92 (2011), 100 (2012) and a 2013 value that must not count for a 2012 target
    const result = assessProgress(
      input({
        target: { year: 2012, comparator: 'gte', value: 100 },
        observations: points([2010, 85], [2011, 92], [2012, 100], [2013, 98]),
      }),
    );
    // then 100 ≥ 100: achieved, and final (the target year is in)
    expect(result.status).toBe('achieved');
    expect(result.final).toBe(true);
    // required (100 − 85) / 2 = 7.5 a year; achieved (100 − 85) / 2 = 7.5; ratio 1
    expect(result.requiredRate).toBe(7.5);
    expect(result.actualRate).toBe(7.5);
    expect(result.ratio).toBe(1);
    expect(result.pointsUsed.map((p) => p.year)).toEqual([2010, 2011, 2012]);
    expect(result.pointsIgnored).toEqual([
      { year: 2013, value: 98, comparator: 'eq', reason: 'after_target_year' },
    ]);
    expect(result.requiredPath).toEqual([
      { year: 2010, value: 85 },
      { year: 2011, value: 92.5 },
      { year: 2012, value: 100 },
    ]);
  });

  it('on_track (linear): cable TV penetration 80 → ≥90 %, 86 in 2013', () => {
    const result = assessProgress(
      input({
        target: { year: 2015, comparator: 'gte', value: 90 },
        observations: points([2010, 80], [2011, 82], [2012, 84.5], [2013, 86]),
      }),
    );
    // required (90 − 80) / 5 = 2 points a year; achieved (86 − 80) / 3 = 2; ratio 1 ≥ 0.95
    expect(result.status).toBe('on_track');
    expect(result.method).toBe('linear');
    expect(result.requiredRate).toBe(2);
    expect(result.actualRate).toBe(2);
    expect(result.ratio).toBe(1);
    expect(result.requiredPath.map((p) => p.value)).toEqual([80, 82, 84, 86, 88, 90]);
    // least squares: x̄ = 2011.5, ȳ = 83.125, Σdx·dy = 10.25, Σdx² = 5, slope 2.05;
    // 2015: 83.125 + 2.05 × 3.5 = 90.3; gap 90 − 90.3 = −0.3 (projected to exceed the target)
    expect(result.projection?.fit).toBe('linear');
    expect(result.projection?.rate).toBeCloseTo(2.05, 12);
    expect(result.projection?.value).toBeCloseTo(90.3, 12);
    expect(result.gap).toBeCloseTo(-0.3, 12);
    expect(result.projectedPath.map((p) => p.year)).toEqual([2010, 2011, 2012, 2013, 2014, 2015]);
  });

  it('moderate (compound): 100 → ≥161.051 needs 10 % a year; 8 % a year achieved', () => {
    const result = assessProgress(
      input({
        growth: 'compound',
        target: { year: 2015, comparator: 'gte', value: 161.051 },
        observations: points([2010, 100], [2011, 108], [2012, 116.64]),
      }),
    );
    // required 1.61051^(1/5) − 1 = 0.10; achieved (116.64 / 100)^(1/2) − 1 = 0.08; ratio 0.8 in [0.6, 0.95)
    expect(result.status).toBe('moderate');
    expect(result.method).toBe('compound');
    expect(result.requiredRate).toBeCloseTo(0.1, 12);
    expect(result.actualRate).toBeCloseTo(0.08, 12);
    expect(result.ratio).toBe(0.8);
    // required path 100 × 1.1^k
    expect(result.requiredPath.map((p) => Number(p.value.toFixed(4)))).toEqual([
      100, 110, 121, 133.1, 146.41, 161.051,
    ]);
    // log-linear fit of 100, 108, 116.64: exactly 8 % a year; 2015: 100 × 1.08^5 = 146.9328077
    expect(result.projection?.fit).toBe('log_linear');
    expect(result.projection?.rate).toBeCloseTo(0.08, 12);
    expect(result.projection?.value).toBeCloseTo(146.9328077, 6);
    // gap 161.051 − 146.9328077 = 14.1181923
    expect(result.gap).toBeCloseTo(14.1181923, 6);
  });

  it('insufficient: 50 → ≥100 needs 10 a year; 62 in 2013 is 4 a year', () => {
    const result = assessProgress(input({ observations: points([2010, 50], [2013, 62]) }));
    // ratio 4 / 10 = 0.4 in [0, 0.6)
    expect(result.status).toBe('insufficient');
    expect(result.ratio).toBe(0.4);
  });

  it('regressing: 50 → ≥100, but 49 in 2011 and 48 in 2012', () => {
    const result = assessProgress(input({ observations: points([2010, 50], [2011, 49], [2012, 48]) }));
    // achieved (48 − 50) / 2 = −1 a year; ratio −1 / 10 = −0.1 < 0
    expect(result.actualRate).toBe(-1);
    expect(result.ratio).toBe(-0.1);
    expect(result.status).toBe('regressing');
  });

  it('no_data: only the baseline, or nothing at all', () => {
    const baselineOnly = assessProgress(input({ observations: points([2010, 50]) }));
    expect(baselineOnly.status).toBe('no_data');
    expect(baselineOnly.notes).toContain('one_point_only');
    expect(baselineOnly.baseline).toEqual({ year: 2010, value: 50, comparator: 'eq', from: 'base_year' });

    const nothing = assessProgress(input({ observations: [] }));
    expect(nothing.status).toBe('no_data');
    expect(nothing.notes).toEqual(['no_actuals']);
    expect(nothing.baseline).toBeNull();
  });

  it('the cut-offs belong to the better class: ratio 0.95 is on_track, 0.6 is moderate, 0 insufficient', () => {
    // 0 → ≥100 by 2015 needs 20 a year
    const at = (v2011: number) => assessProgress(input({ observations: points([2010, 0], [2011, v2011]) }));
    expect([at(19).ratio, at(19).status]).toEqual([0.95, 'on_track']);
    expect([at(12).ratio, at(12).status]).toEqual([0.6, 'moderate']);
    expect([at(0).ratio, at(0).status]).toEqual([0, 'insufficient']);
  });
});

describe('assessProgress: direction, growth models and special targets', () => {
  it('lower is better: 20 → ≤10 needs −2 a year; 14 in 2013 is on track, 23 is regressing', () => {
    const lower = (value: number) =>
      assessProgress(
        input({
          direction: 'decrease',
          target: { year: 2015, comparator: 'lte', value: 10 },
          observations: points([2010, 20], [2013, value]),
        }),
      );
    // required (10 − 20) / 5 = −2; achieved (14 − 20) / 3 = −2; ratio 1
    expect(lower(14).requiredRate).toBe(-2);
    expect(lower(14).ratio).toBe(1);
    expect(lower(14).status).toBe('on_track');
    // achieved (23 − 20) / 3 = +1; ratio 1 / −2 = −0.5
    expect(lower(23).ratio).toBe(-0.5);
    expect(lower(23).status).toBe('regressing');
    // 9 ≤ 10: achieved
    expect(lower(9).status).toBe('achieved');
    // the gap counts the shortfall in the direction of progress: the trend through 20 (2010) and 23 (2013) rises
    // 1 a year and reaches 25 in 2015, 15 above the ceiling of 10
    expect(lower(23).gap).toBeCloseTo(15, 12);
  });

  it('growth-rate target (年均增长11.5%以上): 10 % a year achieved is moderate until the target year', () => {
    const result = assessProgress(
      input({
        growth: 'linear', // the indicator's model does not matter: growth rates are compound
        basis: 'annual_growth',
        target: { year: 2015, comparator: 'gte', value: 11.5 },
        observations: points([2010, 100], [2011, 110], [2012, 121]),
      }),
    );
    // required 0.115; achieved (121 / 100)^(1/2) − 1 = 0.10; ratio 0.10 / 0.115 = 0.869565217391
    expect(result.method).toBe('compound');
    expect(result.requiredRate).toBe(0.115);
    expect(result.actualRate).toBeCloseTo(0.1, 12);
    expect(result.ratio).toBeCloseTo(0.869565217391, 10);
    expect(result.status).toBe('moderate');
    expect(result.notes).toContain('growth_achieved_only_when_final');
    // required path 100 × 1.115^k; projection 100 × 1.1^5 = 161.051 (10 % a year): gap 11.5 − 10 = 1.5 points
    expect(result.requiredPath.at(-1)?.value).toBeCloseTo(100 * 1.115 ** 5, 9);
    expect(result.projection?.value).toBeCloseTo(161.051, 9);
    expect(result.projection?.annualGrowth).toBeCloseTo(0.1, 12);
    expect(result.gap).toBeCloseTo(1.5, 10);
  });

  it('growth-rate target achieved once the target year averages at least the rate: 100 → 180 is 12.47 %', () => {
    const result = assessProgress(
      input({
        basis: 'annual_growth',
        target: { year: 2015, comparator: 'gte', value: 11.5 },
        observations: points([2010, 100], [2015, 180]),
      }),
    );
    // 1.8^(1/5) − 1 = 0.12475 ≥ 0.115
    expect(result.actualRate).toBeCloseTo(0.12475, 5);
    expect(result.status).toBe('achieved');
    expect(result.final).toBe(true);
  });

  it('compound with a zero baseline falls back to the linear method (0 demo bases → ≥8)', () => {
    const result = assessProgress(
      input({
        growth: 'compound',
        target: { year: 2015, comparator: 'gte', value: 8 },
        observations: points([2010, 0], [2011, 1], [2012, 2], [2013, 4]),
      }),
    );
    // required 8 / 5 = 1.6 a year; achieved 4 / 3 = 1.3333; ratio 0.833333333333
    expect(result.method).toBe('linear');
    expect(result.notes).toContain('compound_needs_positive_values');
    expect(result.requiredRate).toBe(1.6);
    expect(result.ratio).toBe(0.833333333333);
    expect(result.status).toBe('moderate');
    // linear fit: ȳ = 1.75, Σdx·dy = 6.5, slope 1.3; 2015: 1.75 + 1.3 × 3.5 = 6.3; gap 1.7
    expect(result.projection?.fit).toBe('linear');
    expect(result.projection?.value).toBeCloseTo(6.3, 12);
    expect(result.gap).toBeCloseTo(1.7, 12);
  });

  it('missing baseline (a new indicator, printed —): the first reported value serves and the row says so', () => {
    const result = assessProgress(
      input({
        target: { year: 2015, comparator: 'gte', value: 60 },
        observations: points([2011, 40], [2013, 50]),
      }),
    );
    // required (60 − 40) / 4 = 5; achieved (50 − 40) / 2 = 5; ratio 1
    expect(result.baseline).toEqual({ year: 2011, value: 40, comparator: 'eq', from: 'first_reported' });
    expect(result.notes).toContain('baseline_first_reported');
    expect(result.ratio).toBe(1);
    expect(result.status).toBe('on_track');
    expect(result.requiredPath.map((p) => p.year)).toEqual([2011, 2012, 2013, 2014, 2015]);
  });

  it('a baseline known only as a bound (＜50) counts as its number, and says so', () => {
    const result = assessProgress(
      input({
        target: { year: 2015, comparator: 'gt', value: 70 },
        observations: [
          { year: 2010, value: 50, comparator: 'lt' },
          { year: 2012, value: 58, comparator: 'eq' },
        ],
      }),
    );
    // required (70 − 50) / 5 = 4; achieved (58 − 50) / 2 = 4; ratio 1
    expect(result.notes).toContain('baseline_is_bound');
    expect(result.status).toBe('on_track');
  });

  it('an actual known only as a bound on the wrong side cannot prove a floor met', () => {
    const result = assessProgress(
      input({
        target: { year: 2015, comparator: 'gte', value: 40 },
        observations: [
          { year: 2010, value: 30, comparator: 'eq' },
          { year: 2012, value: 50, comparator: 'lt' },
        ],
      }),
    );
    expect(result.notes).toContain('latest_is_bound');
    expect(result.status).not.toBe('achieved');
  });

  it('an approximate target (≈100) is met within ±5 %', () => {
    const approx = (latest: number) =>
      assessProgress(
        input({
          target: { year: 2015, comparator: 'approx', value: 100 },
          observations: points([2010, 80], [2012, latest]),
        }),
      );
    expect(approx(96).status).toBe('achieved');
    expect(approx(105).status).toBe('achieved');
    expect(approx(94).status).toBe('on_track'); // (94 − 80) / 2 = 7 a year against (100 − 80) / 5 = 4
    expect(approx(96).notes).toContain('approx_within_tolerance');
  });

  it('a baseline that already meets the target: falling back below it is regressing', () => {
    // Changzhou cable TV: ≈100 in 2010, target ≥100; 98 in 2012. No progress is required, and it went down.
    const result = assessProgress(
      input({
        observations: [
          { year: 2010, value: 100, comparator: 'approx' },
          { year: 2012, value: 98, comparator: 'eq' },
        ],
      }),
    );
    expect(result.ratio).toBeNull();
    expect(result.notes).toContain('target_not_ahead');
    expect(result.status).toBe('regressing');
    // and the baseline alone proves nothing: ≈100 may be 96, which misses ≥100 (issue 16: it read achieved, and
    // two Changzhou targets showed 已实现 on an empty database)
    const baselineOnly = assessProgress(
      input({ observations: [{ year: 2010, value: 100, comparator: 'approx' }] }),
    );
    expect(baselineOnly.status).toBe('no_data');
    expect(baselineOnly.notes).toContain('latest_is_bound');
  });

  it('values before the base year are listed as ignored', () => {
    const result = assessProgress(input({ observations: points([2009, 10], [2010, 50], [2013, 62]) }));
    expect(result.pointsIgnored).toEqual([
      { year: 2009, value: 10, comparator: 'eq', reason: 'before_base_year' },
    ]);
    expect(result.status).toBe('insufficient');
  });
});
