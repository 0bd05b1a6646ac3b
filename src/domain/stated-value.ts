import type { Comparator } from './vocabulary.ts';

export interface StatedValue {
  comparator: Comparator;
  value: number;
  unit: string;
}

/** Same comparator, unit and number (to the precision a spreadsheet keeps: 0.655 × 100 is 65.5). */
export function sameStatedValue(a: StatedValue, b: StatedValue): boolean {
  if (a.comparator !== b.comparator || a.unit !== b.unit) return false;
  const scale = Math.max(1, Math.abs(a.value), Math.abs(b.value));
  return Math.abs(a.value - b.value) <= scale * 1e-12;
}

export const statedValueOf = ({ comparator, value, unit }: StatedValue): StatedValue => ({
  comparator,
  value,
  unit,
});
