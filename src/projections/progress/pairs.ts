import type { ExpressionBuilder } from 'kysely';

/** A region and an indicator: the unit of recomputation (a batch recomputes the pairs its events touch). */
export type Pair = readonly [regionCode: string, indicatorCode: string];

/** `(region_code, indicator_code) IN (…)` for a table with those columns. */
export function pairsFilter<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, pairs: readonly Pair[]) {
  const e = eb as unknown as ExpressionBuilder<{ t: { region_code: string; indicator_code: string } }, 't'>;
  if (pairs.length === 0) return e.lit(false) as never;
  return e(
    e.refTuple('region_code', 'indicator_code'),
    'in',
    pairs.map(([region, indicator]) => e.tuple(region, indicator)),
  ) as never;
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
