import type { Comparator } from '../vocabulary.ts';

/** How far from the target an actual may be for an approximate target (≈100) to count as met: ±5 %. */
export const APPROX_TOLERANCE = 0.05;

/** Equality to the precision a spreadsheet keeps. */
const EQUAL_TOLERANCE = 1e-9;

/**
 * Whether a number satisfies a target's comparator. An `approx` target is met within ±5 % of its value (a plan
 * printing ≈100 does not expect 100.0 exactly); an `eq` target to the precision a spreadsheet keeps.
 */
export function satisfies(
  value: number,
  target: { comparator: Comparator; value: number; upper?: number | undefined },
): boolean {
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
    case 'between':
      return value >= t && value <= (target.upper ?? t);
  }
}

/** Does the stated actual prove the target met, prove it missed, or leave it open? */
export type Verdict = 'met' | 'missed' | 'open';

/** A set of numbers on the real line; an end is `null` when unbounded. */
interface Interval {
  lo: number | null;
  loOpen: boolean;
  hi: number | null;
  hiOpen: boolean;
}

/**
 * The numbers a stated value allows. An actual printed ≈100 is read as the target's ≈ is, within ±5 %: it may be
 * 96 or 104, so it proves neither ≥100 met nor missed.
 */
function intervalOf(comparator: Comparator, v: number, upper?: number): Interval {
  switch (comparator) {
    case 'gt':
      return { lo: v, loOpen: true, hi: null, hiOpen: true };
    case 'gte':
      return { lo: v, loOpen: false, hi: null, hiOpen: true };
    case 'lt':
      return { lo: null, loOpen: true, hi: v, hiOpen: true };
    case 'lte':
      return { lo: null, loOpen: true, hi: v, hiOpen: false };
    case 'eq': {
      const d = EQUAL_TOLERANCE * Math.max(1, Math.abs(v));
      return { lo: v - d, loOpen: false, hi: v + d, hiOpen: false };
    }
    case 'approx': {
      const d = APPROX_TOLERANCE * Math.abs(v);
      return { lo: v - d, loOpen: false, hi: v + d, hiOpen: false };
    }
    case 'between':
      return { lo: v, loOpen: false, hi: upper ?? v, hiOpen: false };
  }
}

/** Every number of `a` lies in `b`. */
function within(a: Interval, b: Interval): boolean {
  const lowOk =
    b.lo === null || (a.lo !== null && (a.lo > b.lo || (a.lo === b.lo && (!b.loOpen || a.loOpen))));
  const highOk =
    b.hi === null || (a.hi !== null && (a.hi < b.hi || (a.hi === b.hi && (!b.hiOpen || a.hiOpen))));
  return lowOk && highOk;
}

/** No number lies in both. */
function apart(a: Interval, b: Interval): boolean {
  const below = (x: Interval, y: Interval) =>
    x.hi !== null && y.lo !== null && (x.hi < y.lo || (x.hi === y.lo && (x.hiOpen || y.loOpen)));
  return below(a, b) || below(b, a);
}

/**
 * What an actual stated with a comparator proves about a target, for every pair of comparators: met when every
 * number the actual allows meets the target, missed when none does, open otherwise. A plain actual (eq) is
 * always met or missed. A range target (between, 3到5) is met inside it, both bounds included. Two approximate statements (≈ against ≈) compare their numbers: a plan's ≈100 is met
 * by a report of ≈100, as both are read the same way.
 */
export function verdict(
  actual: { comparator: Comparator; value: number; upper?: number | undefined },
  target: { comparator: Comparator; value: number; upper?: number | undefined },
): Verdict {
  if (actual.comparator === 'eq' || (actual.comparator === 'approx' && target.comparator === 'approx'))
    return satisfies(actual.value, target) ? 'met' : 'missed';
  const a = intervalOf(actual.comparator, actual.value, actual.upper);
  const t = intervalOf(target.comparator, target.value, target.upper);
  if (within(a, t)) return 'met';
  if (apart(a, t)) return 'missed';
  return 'open';
}
