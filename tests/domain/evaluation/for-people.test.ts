import { describe, expect, it } from 'vitest';
import { valueForPeople } from '../../../src/domain/evaluation/for-people.ts';

describe('valueForPeople', () => {
  it('prints a range target with both bounds: 3–5 个', () => {
    expect(valueForPeople(3, 'between', '个', 5)).toBe('3–5 个');
    expect(valueForPeople(60, 'between', '%', 80.00000000001)).toBe('60–80%');
  });

  it('prints the other comparators as before, ignoring an upper bound they do not have', () => {
    expect(valueForPeople(200, 'gte', '万户')).toBe('≥200 万户');
    expect(valueForPeople(0.71, 'gt')).toBe('＞0.71');
    expect(valueForPeople(5, 'gte', '个', 9)).toBe('≥5 个');
  });
});
