import type { Kysely } from 'kysely';
import { scopesCover } from '../../auth/region-scope.ts';
import type { Database } from '../../database/schema.ts';

/** A plan's periods, by region and year; a region code lists that region and the divisions under it. */
export async function listPeriods(db: Kysely<Database>, planId: string, region?: string) {
  const rows = await db
    .selectFrom('periods')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('region_code')
    .orderBy('year')
    .execute();
  return region ? rows.filter((row) => scopesCover([region], row.region_code)) : rows;
}
