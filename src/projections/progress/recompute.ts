import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.ts';
import { loadSeriesValues } from '../series/table.ts';
import { computeRows, groupByPair } from './compute.ts';
import { chunks, type Pair } from './pairs.ts';
import { loadDocs, loadTargets, replaceRows } from './tables.ts';

/**
 * Recomputes the progress rows of these (region, indicator) pairs from the stored inputs: a handful of
 * set-based statements per 500 pairs, whatever the number of events that touched them.
 */
export async function recomputeProgress(db: Kysely<Database>, pairs: readonly Pair[]): Promise<number> {
  let count = 0;
  for (const chunk of chunks(pairs, 500)) {
    const [targets, values] = await Promise.all([loadTargets(db, chunk), loadSeriesValues(db, chunk)]);
    const docs = await loadDocs(db, {
      regionCodes: [...new Set(targets.map((t) => t.regionCode))],
      planIds: [...new Set(targets.map((t) => t.planId))],
      indicatorCodes: [...new Set(targets.map((t) => t.indicatorCode))],
    });
    const rows = computeRows(targets, {
      regions: new Map(docs.regions.map((d) => [d.code, d])),
      plans: new Map(docs.plans.map((d) => [d.planId, d])),
      indicators: new Map(docs.indicators.map((d) => [d.code, d])),
      valuesByPair: groupByPair(values),
    });
    await replaceRows(db, chunk, rows);
    count += rows.length;
  }
  return count;
}
