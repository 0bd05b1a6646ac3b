import { describe, expect, it } from 'vitest';
import { assessProgress, type Observation, type ProgressInput } from '../../../src/domain/progress/assess.ts';

/** Statuses that know the deadline: once the target year is reported, achieved or not_achieved. */

const points = (...pairs: [number, number][]): Observation[] =>
  pairs.map(([year, value]) => ({ year, value, comparator: 'eq' }));

const input = (overrides: Partial<ProgressInput>): ProgressInput => ({
  direction: 'increase',
  growth: 'linear',
  basis: 'level',
  baseYear: 2010,
  target: { year: 2015, comparator: 'gte', value: 200 },
  observations: [],
  ...overrides,
});

describe('final statuses: the target year is reported', () => {
  const cases: {
    name: string;
    given: Partial<ProgressInput>;
    status: string;
    progress: number | null;
    level: number | null;
    gap: number;
  }[] = [
    {
      // (195 − 100) / (200 − 100) = 0.95; 195 / 200 = 0.975; 5 short. Its growth was fast enough for on_track.
      name: '100 → 195 against ≥200 in 2015: not_achieved (it read on_track)',
      given: { observations: points([2010, 100], [2013, 160], [2015, 195]) },
      status: 'not_achieved',
      progress: 0.95,
      level: 0.975,
      gap: 5,
    },
    {
      name: '100 → 205 against ≥200: achieved, completion 1.05 and 1.025, 5 beyond',
      given: { observations: points([2010, 100], [2015, 205]) },
      status: 'achieved',
      progress: 1.05,
      level: 1.025,
      gap: -5,
    },
    {
      // lower is better (逆向): (20 − 12) / (20 − 10) = 0.8; 10 / 12 = 0.833333333333; 2 above the ceiling
      name: 'lower is better, 20 → 12 against ≤10: not_achieved, completion 0.8 and target ÷ actual',
      given: {
        direction: 'decrease',
        target: { year: 2015, comparator: 'lte', value: 10 },
        observations: points([2010, 20], [2015, 12]),
      },
      status: 'not_achieved',
      progress: 0.8,
      level: 0.833333333333,
      gap: 2,
    },
    {
      // met in 2013 (101 ≥ 100) but 95 in 2015: the target year decides
      name: 'met in 2013, 95 in 2015 against ≥100: not_achieved',
      given: {
        target: { year: 2015, comparator: 'gte', value: 100 },
        observations: points([2010, 50], [2013, 101], [2015, 95]),
      },
      status: 'not_achieved',
      progress: 0.9,
      level: 0.95,
      gap: 5,
    },
    {
      // below the baseline in the target year: not_achieved, not regressing; (40 − 50) / 50 = −0.2
      name: 'fell from 50 to 40 against ≥100: not_achieved with a negative completion',
      given: {
        target: { year: 2015, comparator: 'gte', value: 100 },
        observations: points([2010, 50], [2012, 45], [2015, 40]),
      },
      status: 'not_achieved',
      progress: -0.2,
      level: 0.4,
      gap: 60,
    },
  ];

  it.each(cases)('$name', ({ given, status, progress, level, gap }) => {
    const result = assessProgress(input(given));
    expect(result.final).toBe(true);
    expect(result.status).toBe(status);
    expect(result.completion?.progress).toBeCloseTo(progress as number, 10);
    expect(result.completion?.level).toBeCloseTo(level as number, 10);
    expect(result.completion?.gap).toBeCloseTo(gap, 10);
    // once final the gap is the actual's, not the projection's
    expect(result.gap).toBeCloseTo(gap, 10);
    expect(result.notes).toContain('target_year_reached');
  });

  it('the same series before its target year keeps the growth-ratio status (on_track)', () => {
    const result = assessProgress(input({ observations: points([2010, 100], [2013, 160]) }));
    // (60 / 3) / (100 / 5) = 1
    expect(result.final).toBe(false);
    expect(result.status).toBe('on_track');
    // completion so far: 60 of the 100 required
    expect(result.completion?.progress).toBe(0.6);
  });

  it('growth-rate target missed in the target year: not_achieved, completion = growth achieved ÷ required', () => {
    const result = assessProgress(
      input({
        basis: 'annual_growth',
        target: { year: 2015, comparator: 'gte', value: 11.5 },
        observations: points([2010, 100], [2015, 160]),
      }),
    );
    // 1.6^(1/5) − 1 = 0.0985605433; ÷ 0.115 = 0.857048203; gap 11.5 − 9.85605433 = 1.64394567 points
    expect(result.status).toBe('not_achieved');
    expect(result.completion?.progress).toBeCloseTo(0.857048203, 8);
    expect(result.completion?.level).toBeNull();
    expect(result.completion?.gap).toBeCloseTo(1.64394567, 7);
  });

  it('a target-year actual known only as a bound either side of the target leaves the outcome open', () => {
    const result = assessProgress(
      input({
        target: { year: 2015, comparator: 'gte', value: 100 },
        observations: [
          { year: 2010, value: 50, comparator: 'eq' },
          { year: 2015, value: 120, comparator: 'lt' },
        ],
      }),
    );
    expect(result.final).toBe(true);
    expect(result.status).not.toBe('achieved');
    expect(result.status).not.toBe('not_achieved');
    expect(result.notes).toContain('final_outcome_open');
  });
});

describe('nothing is achieved before anything is reported', () => {
  it.each([
    { comparator: 'eq' as const, notes: ['baseline_meets_target'] },
    { comparator: 'approx' as const, notes: ['latest_is_bound'] },
  ])('a 2010 baseline of 100 ($comparator) against ≥100, nothing since: no_data', ({ comparator, notes }) => {
    const result = assessProgress(
      input({
        target: { year: 2015, comparator: 'gte', value: 100 },
        observations: [{ year: 2010, value: 100, comparator }],
      }),
    );
    expect(result.status).toBe('no_data');
    expect(result.notes).toEqual(expect.arrayContaining(['one_point_only', ...notes]));
  });

  it('the same baseline with a 2011 value of 100: achieved', () => {
    const result = assessProgress(
      input({
        target: { year: 2015, comparator: 'gte', value: 100 },
        observations: points([2010, 100], [2011, 100]),
      }),
    );
    expect(result.status).toBe('achieved');
  });
});

describe('a compound series whose latest value is zero or below', () => {
  it.each([
    { latest: 0, ratio: -2.5 },
    { latest: -5, ratio: -2.625 },
  ])(
    '100 → ≥200 (compound), $latest in 2012: linear method, regressing (ratio $ratio)',
    ({ latest, ratio }) => {
      const result = assessProgress(
        input({ growth: 'compound', observations: points([2010, 100], [2011, 80], [2012, latest]) }),
      );
      // linear: required (200 − 100) / 5 = 20; achieved (latest − 100) / 2
      expect(result.method).toBe('linear');
      expect(result.notes).toContain('compound_latest_not_positive');
      expect(result.ratio).toBe(ratio);
      expect(result.status).toBe('regressing');
    },
  );

  it('and in the target year: not_achieved', () => {
    const result = assessProgress(
      input({ growth: 'compound', observations: points([2010, 100], [2015, 0]) }),
    );
    expect(result.status).toBe('not_achieved');
    expect(result.completion?.progress).toBe(-1);
  });

  it('a growth-rate target whose latest value fell to zero: −100 % a year, regressing', () => {
    const result = assessProgress(
      input({
        basis: 'annual_growth',
        target: { year: 2015, comparator: 'gte', value: 10 },
        observations: points([2010, 100], [2012, 0]),
      }),
    );
    expect(result.actualRate).toBe(-1);
    expect(result.notes).toContain('growth_latest_not_positive');
    expect(result.status).toBe('regressing');
  });
});
