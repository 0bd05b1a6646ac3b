import { type ExpressionBuilder, sql } from 'kysely';

/** A region and an indicator: the unit of recomputation (a batch recomputes the pairs its events touch). */
export type Pair = readonly [regionCode: string, indicatorCode: string];

/**
 * `(region_code, indicator_code) IN (SELECT * FROM unnest(regions, indicators))` for a table with those columns:
 * two array parameters however many pairs. A literal row-value list (`IN ((…), (…))`) breaks PGlite from about 300
 * pairs on (its transaction state is left corrupt: the next BEGIN fails) and costs PostgreSQL a plan per length.
 */
export function pairsFilter<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, pairs: readonly Pair[]) {
  const e = eb as unknown as ExpressionBuilder<{ t: { region_code: string; indicator_code: string } }, 't'>;
  if (pairs.length === 0) return e.lit(false) as never;
  const regions = pairs.map(([region]) => region);
  const indicators = pairs.map(([, indicator]) => indicator);
  return sql<boolean>`(${e.ref('region_code')}, ${e.ref('indicator_code')}) IN (SELECT * FROM unnest(${regions}::text[], ${indicators}::text[]))` as never;
}

export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Distinct pairs, in a stable order. */
export function uniquePairs(pairs: Iterable<Pair>): Pair[] {
  const byKey = new Map<string, Pair>();
  for (const pair of pairs) byKey.set(`${pair[0]}|${pair[1]}`, pair);
  return [...byKey.keys()].sort().map((key) => byKey.get(key) as Pair);
}
