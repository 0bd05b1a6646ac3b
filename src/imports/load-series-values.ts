import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { KnownValue } from '../domain/plausibility/implausible.ts';
import { chunks, type Pair, pairsFilter } from '../projections/progress/pairs.ts';

/** The current values of a series (one region, indicator and part), every year. */
export type SeriesValues = Map<string, KnownValue[]>;

export const seriesKeyOf = (region: string, indicator: string, part: string | null) =>
  `${region}|${indicator}|${part ?? ''}`;

/**
 * The current values (series_values' columns, not its documents) of some (region, indicator) pairs, keyed by
 * seriesKeyOf: one query per 500 pairs, so an import asks once per chunk of values, not once per value.
 * `db` is the import's transaction when there is one (PGlite has one connection: a query beside an open
 * transaction would wait for it).
 */
export async function loadSeriesValues(db: Kysely<Database>, pairs: readonly Pair[]): Promise<SeriesValues> {
  const bySeries: SeriesValues = new Map();
  for (const chunk of chunks(pairs, 500)) {
    const rows = await db
      .selectFrom('series_values')
      .select(['region_code', 'indicator_code', 'part', 'year', 'value', 'unit'])
      .where((eb) => pairsFilter(eb, chunk))
      .where('value', 'is not', null)
      .execute();
    for (const row of rows) {
      if (row.value === null || row.unit === null) continue;
      const key = seriesKeyOf(row.region_code, row.indicator_code, row.part === '' ? null : row.part);
      const value = { year: row.year, value: Number(row.value), unit: row.unit };
      const list = bySeries.get(key);
      if (list) list.push(value);
      else bySeries.set(key, [value]);
    }
  }
  return bySeries;
}
