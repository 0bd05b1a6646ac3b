import { describe, expect, it } from 'vitest';
import { type Verdict, verdict } from '../../../src/domain/progress/meets-target.ts';
import type { Comparator } from '../../../src/domain/vocabulary.ts';

/**
 * Every pair of comparators, actual (as reported) against target (as the plan prints it). An actual proves a
 * target met only when every number it allows meets it, missed only when none does; otherwise it is open.
 * ≈ is read within ±5 % on both sides.
 */
type Row = [Comparator, number, Comparator, number, Verdict];

const table: Row[] = [
  // target ≥100
  ['eq', 100, 'gte', 100, 'met'],
  ['eq', 99, 'gte', 100, 'missed'],
  ['gt', 100, 'gte', 100, 'met'],
  ['gt', 99, 'gte', 100, 'open'],
  ['gte', 100, 'gte', 100, 'met'],
  ['gte', 99, 'gte', 100, 'open'],
  ['lt', 100, 'gte', 100, 'missed'],
  ['lt', 101, 'gte', 100, 'open'],
  ['lte', 100, 'gte', 100, 'open'],
  ['lte', 99, 'gte', 100, 'missed'],
  ['approx', 100, 'gte', 100, 'open'], // Changzhou's 2010 ≈100 against ≥100: may be 96
  ['approx', 110, 'gte', 100, 'met'], // 104.5 … 115.5
  ['approx', 90, 'gte', 100, 'missed'], // 85.5 … 94.5
  // target ＞100
  ['eq', 100, 'gt', 100, 'missed'],
  ['eq', 100.5, 'gt', 100, 'met'],
  ['gt', 100, 'gt', 100, 'met'],
  ['gt', 99, 'gt', 100, 'open'],
  ['gte', 100, 'gt', 100, 'open'],
  ['gte', 101, 'gt', 100, 'met'],
  ['lt', 100, 'gt', 100, 'missed'],
  ['lt', 101, 'gt', 100, 'open'],
  ['lte', 100, 'gt', 100, 'missed'],
  ['lte', 101, 'gt', 100, 'open'],
  ['approx', 100, 'gt', 100, 'open'],
  ['approx', 120, 'gt', 100, 'met'],
  // target ≤10 (lower is better)
  ['eq', 10, 'lte', 10, 'met'],
  ['eq', 11, 'lte', 10, 'missed'],
  ['gt', 10, 'lte', 10, 'missed'],
  ['gt', 9, 'lte', 10, 'open'],
  ['gte', 10, 'lte', 10, 'open'],
  ['gte', 11, 'lte', 10, 'missed'],
  ['lt', 10, 'lte', 10, 'met'],
  ['lt', 11, 'lte', 10, 'open'],
  ['lte', 10, 'lte', 10, 'met'],
  ['lte', 11, 'lte', 10, 'open'],
  ['approx', 10, 'lte', 10, 'open'],
  ['approx', 9, 'lte', 10, 'met'], // 8.55 … 9.45
  ['approx', 11, 'lte', 10, 'missed'], // 10.45 … 11.55
  // target ＜10
  ['eq', 10, 'lt', 10, 'missed'],
  ['eq', 9, 'lt', 10, 'met'],
  ['gt', 9, 'lt', 10, 'open'],
  ['gt', 10, 'lt', 10, 'missed'],
  ['gte', 10, 'lt', 10, 'missed'],
  ['gte', 9, 'lt', 10, 'open'],
  ['lt', 10, 'lt', 10, 'met'],
  ['lt', 11, 'lt', 10, 'open'],
  ['lte', 10, 'lt', 10, 'open'],
  ['lte', 9, 'lt', 10, 'met'],
  ['approx', 9, 'lt', 10, 'met'],
  ['approx', 10, 'lt', 10, 'open'],
  // target =100 (to a spreadsheet's precision)
  ['eq', 100, 'eq', 100, 'met'],
  ['eq', 101, 'eq', 100, 'missed'],
  ['gt', 99, 'eq', 100, 'open'],
  ['gt', 101, 'eq', 100, 'missed'],
  ['gte', 99, 'eq', 100, 'open'],
  ['gte', 101, 'eq', 100, 'missed'],
  ['lt', 101, 'eq', 100, 'open'],
  ['lt', 99, 'eq', 100, 'missed'],
  ['lte', 101, 'eq', 100, 'open'],
  ['lte', 99, 'eq', 100, 'missed'],
  ['approx', 100, 'eq', 100, 'open'],
  ['approx', 200, 'eq', 100, 'missed'],
  // target ≈100 (95 … 105)
  ['eq', 96, 'approx', 100, 'met'],
  ['eq', 94, 'approx', 100, 'missed'],
  ['gt', 96, 'approx', 100, 'open'],
  ['gt', 105, 'approx', 100, 'missed'],
  ['gte', 106, 'approx', 100, 'missed'],
  ['gte', 96, 'approx', 100, 'open'],
  ['lt', 95, 'approx', 100, 'missed'],
  ['lt', 100, 'approx', 100, 'open'],
  ['lte', 94, 'approx', 100, 'missed'],
  ['lte', 100, 'approx', 100, 'open'],
  ['approx', 100, 'approx', 100, 'met'], // ≈ against ≈ compares the numbers
  ['approx', 104, 'approx', 100, 'met'],
  ['approx', 110, 'approx', 100, 'missed'],
];

const sign = { eq: '=', gt: '＞', gte: '≥', lt: '＜', lte: '≤', approx: '≈', between: '∈' } as const;

describe('verdict: what a reported value proves about a target, for every comparator pair', () => {
  it('covers all 36 pairs of comparators', () => {
    const pairs = new Set(table.map(([a, , t]) => `${a}|${t}`));
    expect(pairs.size).toBe(36);
  });

  it.each(
    table.map(([a, av, t, tv, expected]) => ({
      name: `actual ${sign[a]}${av} against target ${sign[t]}${tv}: ${expected}`,
      a,
      av,
      t,
      tv,
      expected,
    })),
  )('$name', ({ a, av, t, tv, expected }) => {
    expect(verdict({ comparator: a, value: av }, { comparator: t, value: tv })).toBe(expected);
  });
});
