import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.ts';

/** The periods read model's name, as its checkpoint row knows it. */
export const PERIODS_PROJECTION = 'periods';

/** `region|year` of every approved period (of any plan: a value belongs to its region and year). */
export async function approvedYears(db: Kysely<Database>): Promise<Set<string>> {
  const approved = await db
    .selectFrom('periods')
    .select(['region_code', 'year'])
    .where('state', '=', 'approved')
    .execute();
  return new Set(approved.map((period) => approvedKey(period.region_code, period.year)));
}

export const approvedKey = (regionCode: string, year: number) => `${regionCode}|${year}`;
