import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database/schema.ts';
import { computeRows, groupByPair } from '../progress/compute.ts';
import type { TargetDoc } from '../progress/inputs.ts';
import { uniquePairs } from '../progress/pairs.ts';
import type { ProgressSource } from '../progress/source.ts';
import { loadDocs } from '../progress/tables.ts';
import { loadSeriesValues } from '../series/table.ts';
import type { SeriesValue } from '../series/value.ts';
import { approvedKey, approvedYears, PERIODS_PROJECTION } from './approved-years.ts';

/**
 * Progress counting approved periods only (`approved=true`): the live read model's targets and documents, with
 * each region's values kept only for the years a period of theirs is approved (by any plan: a value belongs to
 * the region and year). Values stated by the plan documents themselves (the 2010 baselines) need no approval and
 * always count. Rows are computed by the same pure function as the projection's.
 */
export async function approvedSource(db: Kysely<Database>, base: ProgressSource): Promise<ProgressSource> {
  const years = await approvedYears(db);
  const counts = (v: SeriesValue) =>
    v.current?.source.kind === 'document' || years.has(approvedKey(v.regionCode, v.year));
  const values: ProgressSource['values'] = async (filter) => (await base.values(filter)).filter(counts);
  const periods = await db
    .selectFrom('projection_checkpoints')
    .select(sql<string>`transaction_id::text || ':' || position`.as('at'))
    .where('projection', '=', PERIODS_PROJECTION)
    .executeTakeFirst();
  return {
    // Where the periods read model stands is part of what the answer reflects: an approval changes the ETag.
    version: `approved:${periods?.at ?? 'empty'}:${base.version}`,
    plan: (planId) => base.plan(planId),
    indicator: (code) => base.indicator(code),
    regions: () => base.regions(),
    values,
    async latestYear(indicatorCode) {
      const found = (await values({ indicatorCode })).map((v) => v.year);
      return found.length ? Math.max(...found) : undefined;
    },
    async rows(filter) {
      let query = db.selectFrom('progress_targets').select('doc');
      if (filter.planId !== undefined) query = query.where('plan_id', '=', filter.planId);
      if (filter.regionCode !== undefined) query = query.where('region_code', '=', filter.regionCode);
      if (filter.indicatorCode !== undefined)
        query = query.where('indicator_code', '=', filter.indicatorCode);
      const targets = (await query.execute()).map((row) => row.doc as unknown as TargetDoc);
      const pairs = uniquePairs(targets.map((t) => [t.regionCode, t.indicatorCode] as const));
      const [series, docs] = await Promise.all([
        loadSeriesValues(db, pairs),
        loadDocs(db, {
          regionCodes: [...new Set(targets.map((t) => t.regionCode))],
          planIds: [...new Set(targets.map((t) => t.planId))],
          indicatorCodes: [...new Set(targets.map((t) => t.indicatorCode))],
        }),
      ]);
      return computeRows(targets, {
        regions: new Map(docs.regions.map((d) => [d.code, d])),
        plans: new Map(docs.plans.map((d) => [d.planId, d])),
        indicators: new Map(docs.indicators.map((d) => [d.code, d])),
        valuesByPair: groupByPair(series.filter(counts)),
      }).filter(
        (row) =>
          (filter.category === undefined || row.indicator.category === filter.category) &&
          (filter.status === undefined || row.status === filter.status),
      );
    },
  };
}
