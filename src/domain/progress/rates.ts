import type { GrowthModel } from '../vocabulary.ts';

/**
 * Rates of progress between two points. Linear: change per year, in the value's unit. Compound: growth per year
 * as a fraction, (to / from)^(1 / years) − 1; it needs both values positive.
 */
export function rateBetween(
  model: GrowthModel,
  from: { year: number; value: number },
  to: { year: number; value: number },
): number | undefined {
  const years = to.year - from.year;
  if (years <= 0) return undefined;
  if (model === 'linear') return (to.value - from.value) / years;
  if (!(from.value > 0 && to.value > 0)) return undefined;
  return (to.value / from.value) ** (1 / years) - 1;
}

/** The value a path starting at `from` with `rate` reaches in `year`. */
export function valueOnPath(
  model: GrowthModel,
  from: { year: number; value: number },
  rate: number,
  year: number,
): number {
  const years = year - from.year;
  return model === 'linear' ? from.value + rate * years : from.value * (1 + rate) ** years;
}

/** One point per year from `fromYear` to `toYear`, inclusive. */
export function pathOver(
  fromYear: number,
  toYear: number,
  valueAt: (year: number) => number,
): { year: number; value: number }[] {
  const path: { year: number; value: number }[] = [];
  for (let year = fromYear; year <= toYear; year++) path.push({ year, value: valueAt(year) });
  return path;
}
