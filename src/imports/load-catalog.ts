import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { Comparator, Direction, IndicatorKind, Tier } from '../domain/vocabulary.ts';
import type { ImportCatalog } from './import-catalog.ts';

/** The catalog read model, whole: a few hundred rows, read once per import. */
export async function loadImportCatalog(db: Kysely<Database>): Promise<ImportCatalog> {
  const [regions, plans, indicators, targets] = await Promise.all([
    db.selectFrom('catalog_regions').selectAll().execute(),
    db.selectFrom('catalog_plans').selectAll().execute(),
    db.selectFrom('catalog_indicators').selectAll().execute(),
    db.selectFrom('catalog_targets').selectAll().execute(),
  ]);
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
          unit: i.unit,
          kind: i.kind as IndicatorKind,
          direction: i.direction as Direction,
          parts: i.parts,
          aliases: i.aliases,
        },
      ]),
    ),
    targets: targets.map((t) => ({
      planId: t.plan_id,
      regionCode: t.region_code,
      indicatorCode: t.indicator_code,
      part: t.part || null,
      tier: (t.tier || null) as Tier,
      year: t.year,
      basis: t.basis,
      comparator: t.comparator as Comparator,
      value: Number(t.value),
      unit: t.unit,
    })),
  };
}
