import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.ts';
import { insertMany } from '../progress/bulk.ts';
import { chunks, type Pair, pairsFilter } from '../progress/pairs.ts';
import type { SeriesValue } from './value.ts';

/** The series values of some (region, indicator) pairs, every part and year. */
export async function loadSeriesValues(db: Kysely<Database>, pairs: readonly Pair[]): Promise<SeriesValue[]> {
  const values: SeriesValue[] = [];
  for (const chunk of chunks(pairs, 500)) {
    const rows = await db
      .selectFrom('series_values')
      .select('doc')
      .where((eb) => pairsFilter(eb, chunk))
      .execute();
    for (const row of rows) values.push(row.doc as unknown as SeriesValue);
  }
  return values;
}

/** The columns of series_values and their kinds. */
export const SERIES_VALUE_COLUMNS = {
  region_code: 'text',
  indicator_code: 'text',
  part: 'text',
  year: 'int',
  comparator: 'text',
  value: 'float8',
  unit: 'text',
  revisions: 'int',
  doc: 'json',
} as const;

/** A value's row: its key, the current statement in columns of their own, the whole document as json text. */
export const seriesValueRow = (v: SeriesValue) => ({
  region_code: v.regionCode,
  indicator_code: v.indicatorCode,
  part: v.part ?? '',
  year: v.year,
  comparator: v.current?.comparator ?? null,
  value: v.current?.value ?? null,
  unit: v.current?.unit ?? null,
  revisions: v.revisions,
  doc: JSON.stringify(v),
});

export async function saveSeriesValues(db: Kysely<Database>, values: readonly SeriesValue[]): Promise<void> {
  await insertMany(db, 'series_values', SERIES_VALUE_COLUMNS, values.map(seriesValueRow), {
    keys: ['region_code', 'indicator_code', 'part', 'year'],
    update: ['comparator', 'value', 'unit', 'revisions', 'doc'],
  });
}
