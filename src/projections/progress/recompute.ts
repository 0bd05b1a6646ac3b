import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.ts';
import { loadSeriesValues } from '../series/table.ts';
import type { SeriesValue } from '../series/value.ts';
import { computeRows, groupByPair } from './compute.ts';
import type { TargetDoc } from './inputs.ts';
import { chunks, type Pair, uniquePairs } from './pairs.ts';
import { loadDocs, loadTargets, replaceRows } from './tables.ts';

/**
 * Recomputes the progress rows of some (region, indicator) pairs from every target and value they have,
 * already in hand. Only pairs with a target have rows (targets are never removed), so the others cost nothing.
 */
export async function recomputeWith(
  db: Kysely<Database>,
  targets: readonly TargetDoc[],
  values: Iterable<SeriesValue>,
): Promise<number> {
  const pairs = uniquePairs(targets.map((t) => [t.regionCode, t.indicatorCode] as const));
  if (pairs.length === 0) return 0;
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
  await replaceRows(db, pairs, rows);
  return rows.length;
}

/** Recomputes the progress rows of these pairs from the stored inputs, 500 pairs at a time. */
export async function recomputeProgress(db: Kysely<Database>, pairs: readonly Pair[]): Promise<number> {
  let count = 0;
  for (const chunk of chunks(pairs, 500)) {
    const targets = await loadTargets(db, chunk);
    if (targets.length === 0) continue;
    const withTargets = uniquePairs(targets.map((t) => [t.regionCode, t.indicatorCode] as const));
    count += await recomputeWith(db, targets, await loadSeriesValues(db, withTargets));
  }
  return count;
}
