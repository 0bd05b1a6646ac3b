import type { CellInput } from '../domain/value-grammar.ts';

/**
 * A workbook as the importer sees it: sheets of rows of non-empty cells, each cell already told apart (text,
 * number, formula result, date, error). Merged cells carry their master's value. Nothing after the reader
 * knows about exceljs.
 */
export interface SheetCell {
  /** 1-based column number. */
  column: number;
  /** A1-style address within its sheet. */
  address: string;
  input: CellInput;
  /** The cell as the clerk sees it, for the provenance of an imported value (＞70, 65.5%, 2(9)). */
  printed: string;
}

export interface SheetRow {
  /** 1-based row number. */
  number: number;
  /** Non-empty cells, in column order. */
  cells: readonly SheetCell[];
}

export interface SheetRows {
  name: string;
  rows: AsyncIterable<SheetRow> | Iterable<SheetRow>;
}

export interface WorkbookRows {
  /** Which exceljs reader read it: the full one keeps merged cells, the streaming one keeps memory flat. */
  reader: 'full' | 'streaming';
  sheets: AsyncIterable<SheetRows> | Iterable<SheetRows>;
}

/** Column number → letters (1 → A, 27 → AA). */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

export const cellAddress = (column: number, row: number) => `${columnLetters(column)}${row}`;
