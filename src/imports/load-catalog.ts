import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { Comparator, Direction, IndicatorKind, Tier } from '../domain/vocabulary.ts';
import type { ImportCatalog } from './import-catalog.ts';
import { type IndicatorTable, IndicatorTableBuilder } from './indicator-table.ts';
import { type TargetTable, TargetTableBuilder } from './target-table.ts';

/** Catalog rows read at a time: a national catalog's 84,000 rows at once were 50 MB of short-lived objects. */
const PAGE = 5_000;

/**
 * The catalog read model, read once per import: a few hundred rows for the plans' regions, 84,000 indicators and
 * targets for the national benchmark's. Only the columns the importer uses are read (a target's source and
 * revisions were most of what a national catalog held in memory while it loaded), a page at a time in key order,
 * into columns (IndicatorTable, TargetTable): V8 lets its heap grow to about four times what is live when it
 * collects, so what is live while the catalog loads counts as much as what the import keeps.
 */
export async function loadImportCatalog(db: Kysely<Database>): Promise<ImportCatalog> {
  const [regions, plans] = await Promise.all([
    db.selectFrom('catalog_regions').selectAll().execute(),
    db.selectFrom('catalog_plans').selectAll().execute(),
  ]);
  const indicators = await loadIndicators(db);
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
    indicators,
    targets: await loadTargets(db, indicators),
  };
}

async function loadIndicators(db: Kysely<Database>): Promise<IndicatorTable> {
  const table = new IndicatorTableBuilder();
  const none: never[] = [];
  const list = <T>(items: T[]): T[] => (items.length === 0 ? none : items);
  for (let after: string | undefined, more = true; more; ) {
    let query = db
      .selectFrom('catalog_indicators')
      .select(['code', 'name', 'unit', 'kind', 'direction', 'parts', 'aliases'])
      .orderBy('code')
      .limit(PAGE);
    if (after !== undefined) query = query.where('code', '>', after);
    const rows = await query.execute();
    for (const i of rows) {
      table.add({
        code: i.code,
        name: i.name,
        unit: i.unit,
        kind: i.kind as IndicatorKind,
        direction: i.direction as Direction,
        parts: list(i.parts),
        aliases: list(i.aliases),
      });
    }
    after = rows.at(-1)?.code;
    more = rows.length === PAGE;
  }
  return table.build();
}

async function loadTargets(db: Kysely<Database>, indicators: IndicatorTable): Promise<TargetTable> {
  const table = new TargetTableBuilder(indicators);
  const key = ['plan_id', 'region_code', 'indicator_code', 'part', 'tier', 'year', 'basis'] as const;
  type Key = { [K in (typeof key)[number]]: Database['catalog_targets'][K] };
  for (let after: Key | undefined, more = true; more; ) {
    let query = db
      .selectFrom('catalog_targets')
      .select([...key, 'comparator', 'value', 'upper', 'unit'])
      .where('withdrawn', 'is', null)
      .limit(PAGE);
    for (const column of key) query = query.orderBy(column);
    // The next page starts after the last row's primary key (the table's own order, read by its index).
    if (after !== undefined) {
      const last = after;
      query = query.where(
        sql<boolean>`(${sql.join(key.map((column) => sql.ref(column)))}) > (${sql.join(key.map((column) => last[column]))})`,
      );
    }
    const rows = await query.execute();
    for (const t of rows) {
      table.add({
        planId: t.plan_id,
        regionCode: t.region_code,
        indicatorCode: t.indicator_code,
        part: t.part ? t.part : null,
        tier: (t.tier ? t.tier : null) as Tier,
        year: t.year,
        basis: t.basis,
        comparator: t.comparator as Comparator,
        value: Number(t.value),
        upper: t.upper === null ? null : Number(t.upper),
        unit: t.unit,
      });
    }
    after = rows.at(-1);
    more = rows.length === PAGE;
  }
  return table.build();
}
