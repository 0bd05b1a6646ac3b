import type { Comparator } from '../vocabulary.ts';

/** How far from the target an actual may be for an approximate target (≈100) to count as met: ±5 %. */
export const APPROX_TOLERANCE = 0.05;

/** Equality to the precision a spreadsheet keeps. */
const EQUAL_TOLERANCE = 1e-9;

/**
 * Whether a number satisfies a target's comparator. An `approx` target is met within ±5 % of its value (a plan
 * printing ≈100 does not expect 100.0 exactly); an `eq` target to the precision a spreadsheet keeps.
 */
export function satisfies(value: number, target: { comparator: Comparator; value: number }): boolean {
  const t = target.value;
  switch (target.comparator) {
    case 'gt':
      return value > t;
    case 'gte':
      return value >= t;
    case 'lt':
      return value < t;
    case 'lte':
      return value <= t;
    case 'eq':
      return Math.abs(value - t) <= EQUAL_TOLERANCE * Math.max(1, Math.abs(t));
    case 'approx':
      return Math.abs(value - t) <= APPROX_TOLERANCE * Math.abs(t);
  }
}

/**
 * Whether an actual stated with `comparator` can prove a target met. An actual known only as a bound on the
 * wrong side (＜50 against a floor of 70, ＞10 against a ceiling) says nothing about reaching it.
 */
export function boundCanProve(actual: Comparator, target: Comparator): boolean {
  const floor = target === 'gt' || target === 'gte';
  const ceiling = target === 'lt' || target === 'lte';
  if (floor) return actual !== 'lt' && actual !== 'lte';
  if (ceiling) return actual !== 'gt' && actual !== 'gte';
  return actual === 'eq' || actual === 'approx';
}
