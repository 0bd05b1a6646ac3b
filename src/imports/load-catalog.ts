import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { Comparator, Direction, IndicatorKind, Tier } from '../domain/vocabulary.ts';
import type { ImportCatalog } from './import-catalog.ts';

/**
 * The catalog read model, read once per import: a few hundred rows for the plans' regions, 84,000 indicators and
 * targets for the national benchmark's, so only the columns the importer uses are read (a target's source and
 * revisions were most of what a national catalog held in memory while it loaded).
 */
export async function loadImportCatalog(db: Kysely<Database>): Promise<ImportCatalog> {
  const [regions, plans, indicators, targets] = await Promise.all([
    db.selectFrom('catalog_regions').selectAll().execute(),
    db.selectFrom('catalog_plans').selectAll().execute(),
    db
      .selectFrom('catalog_indicators')
      .select(['code', 'name', 'unit', 'kind', 'direction', 'parts', 'aliases'])
      .execute(),
    db
      .selectFrom('catalog_targets')
      .select([
        'plan_id',
        'region_code',
        'indicator_code',
        'part',
        'tier',
        'year',
        'basis',
        'comparator',
        'value',
        'upper',
        'unit',
      ])
      .where('withdrawn', 'is', null)
      .execute(),
  ]);
  // The driver makes a string per row of each column: the few units, kinds, plans and regions that repeat on
  // every row of a national catalog are kept once, and empty lists are shared.
  const pool = new Map<string, string>();
  const once = <T extends string>(text: T): T => {
    const known = pool.get(text);
    if (known !== undefined) return known as T;
    pool.set(text, text);
    return text;
  };
  const none: never[] = [];
  const list = <T>(items: T[]): T[] => (items.length === 0 ? none : items);
  return {
    regions: new Map(
      regions.map((r) => [r.code, { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }]),
    ),
    plans: new Map(
      plans.map((p) => [
        p.plan_id,
        {
          planId: p.plan_id,
          regionCode: p.region_code,
          period: { start: p.period_start, end: p.period_end },
        },
      ]),
    ),
    indicators: new Map(
      indicators.map((i) => [
        i.code,
        {
          code: i.code,
          name: i.name,
          unit: once(i.unit),
          kind: once(i.kind as IndicatorKind),
          direction: once(i.direction as Direction),
          parts: list(i.parts),
          aliases: list(i.aliases),
        },
      ]),
    ),
    targets: targets.map((t) => ({
      planId: once(t.plan_id),
      regionCode: once(t.region_code),
      indicatorCode: t.indicator_code,
      part: t.part ? once(t.part) : null,
      tier: (t.tier ? once(t.tier) : null) as Tier,
      year: t.year,
      basis: once(t.basis),
      comparator: once(t.comparator as Comparator),
      value: Number(t.value),
      upper: t.upper === null ? null : Number(t.upper),
      unit: once(t.unit),
    })),
  };
}
