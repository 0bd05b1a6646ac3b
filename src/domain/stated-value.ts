import type { Comparator } from './vocabulary.ts';

export interface StatedValue {
  comparator: Comparator;
  value: number;
  /** The upper bound of a range (`between`): `value` is the lower one. Absent for every other comparator. */
  upper?: number | undefined;
  unit: string;
}

/** A value as the stream holds it, with when it was stated (the metadata's occurredAt). */
export interface CurrentValue extends StatedValue {
  statedAt: string;
}

const sameNumber = (a: number, b: number) => {
  const scale = Math.max(1, Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= scale * 1e-12;
};

/** Same comparator, unit and number (to the precision a spreadsheet keeps: 0.655 × 100 is 65.5), and same range. */
export function sameStatedValue(a: StatedValue, b: StatedValue): boolean {
  if (a.comparator !== b.comparator || a.unit !== b.unit) return false;
  if ((a.upper === undefined) !== (b.upper === undefined)) return false;
  if (a.upper !== undefined && b.upper !== undefined && !sameNumber(a.upper, b.upper)) return false;
  return sameNumber(a.value, b.value);
}

/**
 * Whether a stated value is well formed: a range has an upper bound above its lower one, nothing else has one.
 * Returns what is wrong, for the error message, or null.
 */
export function rangeProblem(v: StatedValue): { zh: string; en: string } | null {
  if (v.comparator === 'between') {
    if (v.upper === undefined)
      return { zh: '区间目标缺少上限', en: 'a range (between) needs an upper bound' };
    if (!(v.upper > v.value))
      return {
        zh: `区间上限 ${v.upper} 须大于下限 ${v.value}`,
        en: `a range's upper bound ${v.upper} must be above its lower bound ${v.value}`,
      };
    return null;
  }
  return v.upper === undefined
    ? null
    : { zh: '只有区间（between）才有上限', en: 'only a range (between) has an upper bound' };
}

/**
 * A statement made before the one behind the current value carries no news: it never overrides it. So the seed
 * can run again without turning 3.7万亿 back into 4万亿, and a clerk's correction of a 2010 value survives it.
 */
export const isOlderThan = (occurredAt: string, current: CurrentValue) =>
  Date.parse(occurredAt) < Date.parse(current.statedAt);

export const statedValueOf = ({ comparator, value, upper, unit }: StatedValue): StatedValue => ({
  comparator,
  value,
  ...(upper === undefined ? {} : { upper }),
  unit,
});
