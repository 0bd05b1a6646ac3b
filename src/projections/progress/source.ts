import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database/schema.ts';
import type { SeriesValue } from '../series/value.ts';
import type { IndicatorDoc, PlanDoc, RegionDoc } from './inputs.ts';
import { cmp, compareRows, type ProgressRow } from './row.ts';

export interface RowFilter {
  planId?: string;
  regionCode?: string;
  indicatorCode?: string;
  category?: string;
  status?: string;
}

export interface ValueFilter {
  indicatorCode: string;
  regionCode?: string;
  year?: number;
}

/**
 * Where the progress endpoints read from: the projection's tables (now), or the log folded in memory up to a
 * time (as of). Both hand out the same documents, listed in the same order.
 */
export interface ProgressSource {
  /** What the answer reflects, for ETags: the projection's checkpoint, or the events recorded up to asOf. */
  readonly version: string;
  plan(planId: string): Promise<PlanDoc | undefined>;
  indicator(code: string): Promise<IndicatorDoc | undefined>;
  regions(): Promise<RegionDoc[]>;
  rows(filter: RowFilter): Promise<ProgressRow[]>;
  /** Current values (retracted ones left out), by region, part and year. */
  values(filter: ValueFilter): Promise<SeriesValue[]>;
  /** The latest year any value of the indicator is reported for. */
  latestYear(indicatorCode: string): Promise<number | undefined>;
}

export const PROGRESS_PROJECTION = 'progress';

export function compareValues(a: SeriesValue, b: SeriesValue): number {
  return cmp(a.regionCode, b.regionCode) || cmp(a.part ?? '', b.part ?? '') || a.year - b.year;
}

/**
 * The live read model. Its version is read first, so the data can only be newer than the ETag, never older.
 * `knownVersion`: the progress checkpoint as `transaction_id:position` (or 'empty'), when the caller has just
 * read it (the HTTP layer shares one checkpoint query among concurrent requests).
 */
export async function tablesSource(db: Kysely<Database>, knownVersion?: string): Promise<ProgressSource> {
  const version = knownVersion ?? (await progressVersion(db));
  return {
    version,
    async plan(planId) {
      const row = await db
        .selectFrom('progress_plans')
        .select('doc')
        .where('plan_id', '=', planId)
        .executeTakeFirst();
      return row?.doc as PlanDoc | undefined;
    },
    async indicator(code) {
      const row = await db
        .selectFrom('progress_indicators')
        .select('doc')
        .where('code', '=', code)
        .executeTakeFirst();
      return row?.doc as IndicatorDoc | undefined;
    },
    async regions() {
      const rows = await db.selectFrom('progress_regions').select('doc').orderBy('code').execute();
      return rows.map((r) => r.doc as unknown as RegionDoc);
    },
    async rows(filter) {
      let query = db.selectFrom('progress_rows').select('doc');
      if (filter.planId !== undefined) query = query.where('plan_id', '=', filter.planId);
      if (filter.regionCode !== undefined) query = query.where('region_code', '=', filter.regionCode);
      if (filter.indicatorCode !== undefined)
        query = query.where('indicator_code', '=', filter.indicatorCode);
      if (filter.category !== undefined) query = query.where('category', '=', filter.category);
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      const rows = await query.execute();
      return rows.map((r) => r.doc as unknown as ProgressRow).sort(compareRows);
    },
    async values(filter) {
      let query = db
        .selectFrom('series_values')
        .select('doc')
        .where('indicator_code', '=', filter.indicatorCode)
        .where('value', 'is not', null);
      if (filter.regionCode !== undefined) query = query.where('region_code', '=', filter.regionCode);
      if (filter.year !== undefined) query = query.where('year', '=', filter.year);
      const rows = await query.execute();
      return rows.map((r) => r.doc as unknown as SeriesValue).sort(compareValues);
    },
    async latestYear(indicatorCode) {
      const row = await db
        .selectFrom('series_values')
        .select((eb) => eb.fn.max('year').as('year'))
        .where('indicator_code', '=', indicatorCode)
        .where('value', 'is not', null)
        .executeTakeFirst();
      return row?.year ?? undefined;
    },
  };
}

async function progressVersion(db: Kysely<Database>): Promise<string> {
  const checkpoint = await db
    .selectFrom('projection_checkpoints')
    .select([sql<string>`transaction_id::text`.as('transaction_id'), 'position'])
    .where('projection', '=', PROGRESS_PROJECTION)
    .executeTakeFirst();
  return checkpoint ? `${checkpoint.transaction_id}:${checkpoint.position}` : 'empty';
}
