import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.ts';
import type { Comparator } from '../../domain/vocabulary.ts';
import type { CurrentValue } from './value.ts';

/**
 * The current statement of every value whose region and indicator have a target in progress_targets: what a
 * rebuild computes its progress rows from, read from its fresh tables once both are written (columns only, not
 * the documents).
 */
export async function loadCurrentValuesWithTargets(db: Kysely<Database>): Promise<CurrentValue[]> {
  const rows = await db
    .selectFrom('series_values as s')
    .select(['s.region_code', 's.indicator_code', 's.part', 's.year', 's.comparator', 's.value', 's.unit'])
    .where('s.value', 'is not', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('progress_targets as t')
          .select('t.year')
          .whereRef('t.region_code', '=', 's.region_code')
          .whereRef('t.indicator_code', '=', 's.indicator_code'),
      ),
    )
    .execute();
  return rows.map((row) => ({
    regionCode: row.region_code,
    indicatorCode: row.indicator_code,
    part: row.part === '' ? null : row.part,
    year: row.year,
    current:
      row.value === null
        ? null
        : { comparator: row.comparator as Comparator, value: row.value, unit: row.unit ?? '' },
  }));
}
