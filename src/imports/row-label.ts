import type { SheetCell } from './workbook.ts';

/** A label as people read it: the sheet's text on one line (a label cell may wrap with new lines). */
export const oneLine = (text: string) => text.replace(/\s+/gu, ' ').trim();

/** The text before the first colon of a cell (示范（试验区）：2 → 示范（试验区）), if it has one. */
export function subRowLabel(cell: SheetCell): string | undefined {
  if (cell.input.kind !== 'text') return undefined;
  const match = /^([^:：]+)[:：]/u.exec(cell.input.text);
  return match?.[1]?.trim() || undefined;
}

/**
 * The row as the sheet names it: the label that named the indicator, a sub-row's own label (示范（试验区）, the
 * same whether or not the reader kept the merged name above it), or for a row known by its code the rightmost
 * label; null when there is none.
 */
export function labelOf(
  found: { via: 'code' | 'sub-row' | 'name'; cell: SheetCell | undefined },
  labels: SheetCell[],
): string | null {
  if (found.via === 'sub-row' && found.cell) return subRowLabel(found.cell) ?? null;
  const named = found.via === 'name' ? found.cell : labels.at(-1);
  const text = named ? oneLine(named.printed) : '';
  return text === '' ? null : text;
}
