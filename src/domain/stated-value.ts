import type { Comparator } from './vocabulary.ts';

export interface StatedValue {
  comparator: Comparator;
  value: number;
  unit: string;
}

/** A value as the stream holds it, with when it was stated (the metadata's occurredAt). */
export interface CurrentValue extends StatedValue {
  statedAt: string;
}

/** Same comparator, unit and number (to the precision a spreadsheet keeps: 0.655 × 100 is 65.5). */
export function sameStatedValue(a: StatedValue, b: StatedValue): boolean {
  if (a.comparator !== b.comparator || a.unit !== b.unit) return false;
  const scale = Math.max(1, Math.abs(a.value), Math.abs(b.value));
  return Math.abs(a.value - b.value) <= scale * 1e-12;
}

/**
 * A statement made before the one behind the current value carries no news: it never overrides it. So the seed
 * can run again without turning 3.7万亿 back into 4万亿, and a clerk's correction of a 2010 value survives it.
 */
export const isOlderThan = (occurredAt: string, current: CurrentValue) =>
  Date.parse(occurredAt) < Date.parse(current.statedAt);

export const statedValueOf = ({ comparator, value, unit }: StatedValue): StatedValue => ({
  comparator,
  value,
  unit,
});
