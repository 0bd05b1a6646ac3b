import { describe, expect, it } from 'vitest';
import { type CellContext, parseCell } from '../../src/domain/value-grammar.ts';

/** A range in a target cell (3到5, 3-5, 3～5个, 3至5) is `between`; in an actual column it is a problem. */

const target: CellContext = { column: 'target', unit: '个', direction: 'increase', parts: [] };
const text = (t: string, context = target) => parseCell({ kind: 'text', text: t }, context);
const range = (value: number, upper: number) => ({
  status: 'values',
  values: [{ part: null, tier: null, comparator: 'between', value, upper }],
});

describe('parseCell on a range', () => {
  it.each(['3到5', '3-5', '3－5', '3～5', '3~5', '3至5', '3到5个', '3个到5个', ' 3 - 5 '])(
    'reads %s in a target column as between 3 and 5',
    (cell) => {
      expect(text(cell)).toEqual(range(3, 5));
    },
  );

  it('converts both bounds into the row unit: 1万到2万 in a 个 row', () => {
    expect(text('1万到2万')).toEqual(range(10000, 20000));
  });

  it('reads 60%-80% in a % row', () => {
    expect(text('60%-80%', { ...target, unit: '%' })).toEqual(range(60, 80));
  });

  it('given a range in an actual column, then it is a problem naming the range (an actual is one number)', () => {
    const cell = text('3-5', { ...target, column: 'actual' });
    expect(cell).toMatchObject({ status: 'problem', problem: { code: 'unreadable_value' } });
    expect(JSON.stringify(cell)).toContain('区间');
  });

  it('given a range whose upper bound is not above its lower one, then it is a problem', () => {
    expect(text('5到3')).toMatchObject({ status: 'problem', problem: { code: 'unreadable_value' } });
    expect(text('5-5')).toMatchObject({ status: 'problem' });
  });

  it('still reads a negative number and ~5 (approx) as before', () => {
    expect(text('~5')).toEqual({
      status: 'values',
      values: [{ part: null, tier: null, comparator: 'approx', value: 5 }],
    });
    expect(text('-5', { ...target, column: 'actual' })).toMatchObject({
      status: 'values',
      values: [{ comparator: 'eq', value: -5 }],
    });
  });
});
