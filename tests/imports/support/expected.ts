import type { Observation } from '../../../src/imports/report.ts';
import { loadSeedCatalog } from '../../../src/seeding/seed-catalog.ts';
import type { TestCell } from './build-workbook.ts';
import { columnLetter } from './build-workbook.ts';

const names = new Map(loadSeedCatalog().indicators.map((indicator) => [indicator.code, indicator.name]));

/**
 * 'eq 0.62' → one value; 'demo:eq 2 pilot:eq 9' → one per part; '@province:gt 90 @city:gt 80' → one per tier.
 */
export function parseExpectation(text: string): {
  part: string | null;
  tier: Observation['tier'];
  comparator: Observation['comparator'];
  value: number;
}[] {
  const tokens = text.trim().split(/\s+/);
  const values = [];
  for (let index = 0; index < tokens.length; index += 2) {
    const head = tokens[index] ?? '';
    const value = Number(tokens[index + 1]);
    const [label, comparator] = head.includes(':') ? (head.split(':') as [string, string]) : ['', head];
    values.push({
      part: label && !label.startsWith('@') ? label : null,
      tier: (label.startsWith('@') ? label.slice(1) : null) as Observation['tier'],
      comparator: comparator as Observation['comparator'],
      value,
    });
  }
  return values;
}

export interface ExpectedRow {
  code: string;
  /** As the sheet prints it. */
  name: string;
  unit: string;
  expect: (string | null)[];
  cells?: TestCell[];
}

/** The observations a sheet must yield: one per expected value, at its row and column. */
export function expectedObservations(
  rows: readonly ExpectedRow[],
  options: {
    sheet: string;
    columns: readonly { kind: 'actual' | 'target'; year: number; region: string }[];
    rowNumber: (row: ExpectedRow, index: number) => number;
    firstColumn: number;
  },
): Observation[] {
  const observations: Observation[] = [];
  rows.forEach((row, rowIndex) => {
    row.expect.forEach((expectation, columnIndex) => {
      if (expectation === null) return;
      const column = options.columns[columnIndex];
      if (!column) throw new Error(`no column ${columnIndex}`);
      const address = `${columnLetter(options.firstColumn + columnIndex)}${options.rowNumber(row, rowIndex)}`;
      for (const value of parseExpectation(expectation)) {
        observations.push({
          region: column.region,
          indicator: { code: row.code, name: names.get(row.code) ?? '?', unit: row.unit },
          part: value.part,
          tier: value.tier,
          year: column.year,
          kind: column.kind,
          comparator: value.comparator,
          value: value.value,
          cell: `${options.sheet}!${address}`,
          rowLabel: rowLabelOf(row),
        });
      }
    });
  });
  return sortObservations(observations);
}

/**
 * The label a row's observations carry: a sub-row's own label (示范（试验区）：2 → 示范（试验区）) where one of its
 * cells has one, else its name as printed.
 */
function rowLabelOf(row: ExpectedRow): string {
  for (const cell of row.cells ?? []) {
    const label = typeof cell === 'string' ? /^([^:：]+)[:：]/u.exec(cell)?.[1]?.trim() : undefined;
    if (label) return label;
  }
  return row.name.replace(/\s+/gu, ' ').trim();
}

export function sortObservations(observations: readonly Observation[]): Observation[] {
  const key = (o: Observation) =>
    `${o.cell.padEnd(20)}|${o.kind}|${o.region}|${o.part ?? ''}|${o.tier ?? ''}`;
  return [...observations].sort((a, b) => key(a).localeCompare(key(b)));
}
