import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.ts';
import type { SeriesValue } from '../series/value.ts';

export interface IndicatorFilter {
  region?: string | undefined;
  plan?: string | undefined;
  category?: string | undefined;
  /** true: only indicators with a target; false: only those with a baseline and no target (context indicators). */
  hasTarget?: boolean | undefined;
}

export interface BaselineView {
  part: string | null;
  year: number;
  comparator: string;
  value: number;
  unit: string;
  source: Record<string, unknown>;
}

export interface IndicatorTargetView {
  planId: string;
  part: string | null;
  tier: string | null;
  year: number;
  basis: string;
  comparator: string;
  value: number;
  /** The upper bound of a range target (between, 3到5个); null otherwise. */
  upper: number | null;
  unit: string;
  /** The row label the plan prints for this target, when it is a table row. */
  printedName: string | null;
  source: Record<string, unknown>;
  /** Every statement of the current value (the first one first): a table and the prose, or two documents. */
  citations: Record<string, unknown>[];
  revisions: Record<string, unknown>[];
}

export interface IndicatorView {
  code: string;
  name: string;
  category: string;
  unit: string;
  kind: string;
  direction: string;
  growth: string;
  parts: { code: string; name: string }[];
  aliases: string[];
  hasTarget: boolean;
  regions: {
    regionCode: string;
    regionName: string | null;
    baselines: BaselineView[];
    targets: IndicatorTargetView[];
  }[];
}

type Json = Record<string, unknown>;

/**
 * A citation as a reader needs it: with the document's title. Events recorded before citations carried the
 * title get it from the plan the document published.
 */
export const withTitle = (source: Json, titles: ReadonlyMap<string, string>): Json =>
  source.kind === 'document' && typeof source.document === 'string' && source.title === undefined
    ? { ...source, ...(titles.has(source.document) ? { title: titles.get(source.document) } : {}) }
    : source;

/** Titles of the documents that published a plan, by file name. */
export async function documentTitles(db: Kysely<Database>): Promise<Map<string, string>> {
  const plans = await db.selectFrom('catalog_plans').select(['document', 'title']).execute();
  return new Map(plans.map((p) => [p.document, p.title]));
}

/**
 * Every indicator of the catalog with, per region, its baselines (the values the documents report for the year
 * before the plans' period) and its targets; including indicators that have a baseline and no target.
 */
export async function listIndicators(
  db: Kysely<Database>,
  filter: IndicatorFilter,
): Promise<IndicatorView[]> {
  const plans = await db
    .selectFrom('catalog_plans')
    .select(['plan_id', 'region_code', 'period_start'])
    .execute();
  const firstYear = Math.min(...plans.map((p) => p.period_start), 2011);
  let planRegions: string[] | undefined;
  if (filter.plan) {
    const targetRegions = await db
      .selectFrom('catalog_targets')
      .select('region_code')
      .distinct()
      .where('plan_id', '=', filter.plan)
      .execute();
    const own = plans.find((p) => p.plan_id === filter.plan)?.region_code;
    planRegions = [...new Set([...(own ? [own] : []), ...targetRegions.map((r) => r.region_code)])];
    if (planRegions.length === 0) return [];
  }
  const regions = filter.region ? [filter.region] : planRegions;

  // A withdrawn target is no longer stated by any document: left out (its events stay in the history).
  let targetQuery = db.selectFrom('catalog_targets').selectAll().where('withdrawn', 'is', null);
  if (regions) targetQuery = targetQuery.where('region_code', 'in', regions);
  if (filter.plan) targetQuery = targetQuery.where('plan_id', '=', filter.plan);
  let baselineQuery = db
    .selectFrom('series_values')
    .select(['region_code', 'indicator_code', 'doc'])
    .where('year', '<', firstYear)
    .where('value', 'is not', null);
  if (regions) baselineQuery = baselineQuery.where('region_code', 'in', regions);
  let indicatorQuery = db.selectFrom('catalog_indicators').selectAll().orderBy('category').orderBy('code');
  if (filter.category) indicatorQuery = indicatorQuery.where('category', '=', filter.category);

  const [targets, baselines, indicators, regionRows, titles] = await Promise.all([
    targetQuery
      .orderBy('region_code')
      .orderBy('plan_id')
      .orderBy('year')
      .orderBy('basis')
      .orderBy('part')
      .orderBy('tier')
      .execute(),
    baselineQuery.orderBy('region_code').orderBy('year').orderBy('part').execute(),
    indicatorQuery.execute(),
    db.selectFrom('catalog_regions').select(['code', 'name']).execute(),
    documentTitles(db),
  ]);
  const regionName = new Map(regionRows.map((r) => [r.code, r.name]));

  type RegionEntry = IndicatorView['regions'][number];
  const byIndicator = new Map<string, Map<string, RegionEntry>>();
  const entry = (indicator: string, region: string): RegionEntry => {
    let perRegion = byIndicator.get(indicator);
    if (!perRegion) {
      perRegion = new Map();
      byIndicator.set(indicator, perRegion);
    }
    let found = perRegion.get(region);
    if (!found) {
      found = { regionCode: region, regionName: regionName.get(region) ?? null, baselines: [], targets: [] };
      perRegion.set(region, found);
    }
    return found;
  };
  for (const row of baselines) {
    const value = row.doc as unknown as SeriesValue;
    if (!value.current) continue;
    entry(row.indicator_code, row.region_code).baselines.push({
      part: value.part,
      year: value.year,
      comparator: value.current.comparator,
      value: value.current.value,
      unit: value.current.unit,
      source: withTitle(value.current.source as Json, titles),
    });
  }
  for (const row of targets) {
    const source = withTitle(row.source, titles);
    entry(row.indicator_code, row.region_code).targets.push({
      planId: row.plan_id,
      part: row.part || null,
      tier: row.tier || null,
      year: row.year,
      basis: row.basis,
      comparator: row.comparator,
      value: row.value,
      upper: row.upper,
      unit: row.unit,
      printedName: typeof source.printedName === 'string' ? source.printedName : null,
      source,
      citations: (row.citations.length > 0 ? row.citations : [row.source]).map((c) => withTitle(c, titles)),
      revisions: row.revisions,
    });
  }

  const views: IndicatorView[] = [];
  for (const indicator of indicators) {
    const perRegion = byIndicator.get(indicator.code);
    if (!perRegion) continue;
    const entries = [...perRegion.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode));
    const hasTarget = entries.some((e) => e.targets.length > 0);
    if (filter.hasTarget !== undefined && filter.hasTarget !== hasTarget) continue;
    views.push({
      code: indicator.code,
      name: indicator.name,
      category: indicator.category,
      unit: indicator.unit,
      kind: indicator.kind,
      direction: indicator.direction,
      growth: indicator.growth,
      parts: indicator.parts,
      aliases: indicator.aliases,
      hasTarget,
      regions: entries,
    });
  }
  return views;
}
