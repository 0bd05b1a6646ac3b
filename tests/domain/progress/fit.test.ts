import { describe, expect, it } from 'vitest';
import { fitTrend } from '../../../src/domain/progress/fit.ts';

describe('fitTrend', () => {
  it('linear: 10, 12, 14, 15 (2010–2013) has slope 8.5 / 5 = 1.7 and reaches 18.7 in 2015', () => {
    // x̄ = 2011.5, ȳ = 12.75; Σdx·dy = 4.125 + 0.375 + 0.625 + 3.375 = 8.5; Σdx² = 5
    const trend = fitTrend(
      [
        { year: 2010, value: 10 },
        { year: 2011, value: 12 },
        { year: 2012, value: 14 },
        { year: 2013, value: 15 },
      ],
      'linear',
    );
    expect(trend?.slope).toBeCloseTo(1.7, 12);
    expect(trend?.at(2015)).toBeCloseTo(18.7, 12);
  });

  it('log-linear: 100, 110, 121 grows 10 % a year and reaches 161.051 in 2015', () => {
    const trend = fitTrend(
      [
        { year: 2010, value: 100 },
        { year: 2011, value: 110 },
        { year: 2012, value: 121 },
      ],
      'log_linear',
    );
    expect(trend?.rate).toBeCloseTo(0.1, 12);
    expect(trend?.at(2015)).toBeCloseTo(161.051, 9);
  });

  it('needs two distinct years, and positive values for a log-linear fit', () => {
    expect(fitTrend([{ year: 2010, value: 1 }], 'linear')).toBeUndefined();
    expect(
      fitTrend(
        [
          { year: 2010, value: 0 },
          { year: 2011, value: 1 },
        ],
        'log_linear',
      ),
    ).toBeUndefined();
  });
});
