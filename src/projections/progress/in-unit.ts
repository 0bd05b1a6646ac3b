import { convertUnit } from '../../domain/units.ts';
import type { SeriesValue } from '../series/value.ts';

/** A current value in `unit`, with the value as stated when the unit differs; value null when it cannot convert. */
export function valueInUnit(v: SeriesValue, unit: string) {
  if (!v.current) return { value: null, comparator: null };
  const { comparator, value, unit: stated } = v.current;
  if (stated === unit) return { value, comparator };
  return { value: convertUnit(value, stated, unit) ?? null, comparator, stated: { value, unit: stated } };
}
