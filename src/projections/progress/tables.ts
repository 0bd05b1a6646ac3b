import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.ts';
import { insertMany } from './bulk.ts';
import type { IndicatorDoc, PlanDoc, RegionDoc, TargetDoc } from './inputs.ts';
import { chunks, type Pair, pairsFilter } from './pairs.ts';
import type { ProgressRow } from './row.ts';

/** Reads and writes of the progress tables. Each `doc` column holds the document as json text. */

const asDoc = <T>(doc: unknown) => doc as T;

export async function loadTargets(db: Kysely<Database>, pairs: readonly Pair[]): Promise<TargetDoc[]> {
  const targets: TargetDoc[] = [];
  for (const chunk of chunks(pairs, 500)) {
    const rows = await db
      .selectFrom('progress_targets')
      .select('doc')
      .where((eb) => pairsFilter(eb, chunk))
      .execute();
    for (const row of rows) targets.push(asDoc<TargetDoc>(row.doc));
  }
  return targets;
}

/** The pairs that have a target of one of these plans, indicators or regions. */
export async function pairsWithTargets(
  db: Kysely<Database>,
  of: { planIds: readonly string[]; indicatorCodes: readonly string[]; regionCodes: readonly string[] },
): Promise<Pair[]> {
  if (of.planIds.length + of.indicatorCodes.length + of.regionCodes.length === 0) return [];
  const rows = await db
    .selectFrom('progress_targets')
    .select(['region_code', 'indicator_code'])
    .distinct()
    .where((eb) =>
      eb.or([
        ...(of.planIds.length ? [eb('plan_id', 'in', of.planIds)] : []),
        ...(of.indicatorCodes.length ? [eb('indicator_code', 'in', of.indicatorCodes)] : []),
        ...(of.regionCodes.length ? [eb('region_code', 'in', of.regionCodes)] : []),
      ]),
    )
    .execute();
  return rows.map((row) => [row.region_code, row.indicator_code] as const);
}

export async function allTargetPairs(db: Kysely<Database>): Promise<Pair[]> {
  const rows = await db
    .selectFrom('progress_targets')
    .select(['region_code', 'indicator_code'])
    .distinct()
    .execute();
  return rows.map((row) => [row.region_code, row.indicator_code] as const);
}

export async function loadDocs(
  db: Kysely<Database>,
  keys: { regionCodes: readonly string[]; planIds: readonly string[]; indicatorCodes: readonly string[] },
): Promise<{ regions: RegionDoc[]; plans: PlanDoc[]; indicators: IndicatorDoc[] }> {
  const [regions, plans, indicators] = await Promise.all([
    keys.regionCodes.length
      ? db.selectFrom('progress_regions').select('doc').where('code', 'in', keys.regionCodes).execute()
      : [],
    keys.planIds.length
      ? db.selectFrom('progress_plans').select('doc').where('plan_id', 'in', keys.planIds).execute()
      : [],
    keys.indicatorCodes.length
      ? db.selectFrom('progress_indicators').select('doc').where('code', 'in', keys.indicatorCodes).execute()
      : [],
  ]);
  return {
    regions: regions.map((r) => asDoc<RegionDoc>(r.doc)),
    plans: plans.map((r) => asDoc<PlanDoc>(r.doc)),
    indicators: indicators.map((r) => asDoc<IndicatorDoc>(r.doc)),
  };
}

export async function saveRegions(db: Kysely<Database>, docs: readonly RegionDoc[]): Promise<void> {
  for (const chunk of chunks(docs, 500)) {
    await db
      .insertInto('progress_regions')
      .values(chunk.map((d) => ({ code: d.code, doc: JSON.stringify(d) })))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ doc: eb.ref('excluded.doc') })))
      .execute();
  }
}

export async function savePlans(db: Kysely<Database>, docs: readonly PlanDoc[]): Promise<void> {
  for (const chunk of chunks(docs, 500)) {
    await db
      .insertInto('progress_plans')
      .values(chunk.map((d) => ({ plan_id: d.planId, region_code: d.regionCode, doc: JSON.stringify(d) })))
      .onConflict((oc) =>
        oc.column('plan_id').doUpdateSet((eb) => ({
          region_code: eb.ref('excluded.region_code'),
          doc: eb.ref('excluded.doc'),
        })),
      )
      .execute();
  }
}

export async function saveIndicators(db: Kysely<Database>, docs: readonly IndicatorDoc[]): Promise<void> {
  for (const chunk of chunks(docs, 500)) {
    await db
      .insertInto('progress_indicators')
      .values(chunk.map((d) => ({ code: d.code, category: d.category, doc: JSON.stringify(d) })))
      .onConflict((oc) =>
        oc
          .column('code')
          .doUpdateSet((eb) => ({ category: eb.ref('excluded.category'), doc: eb.ref('excluded.doc') })),
      )
      .execute();
  }
}

export const targetColumns = (t: {
  planId: string;
  regionCode: string;
  indicatorCode: string;
  part: string | null;
  tier: string | null;
  year: number;
  basis: string;
}) => ({
  plan_id: t.planId,
  region_code: t.regionCode,
  indicator_code: t.indicatorCode,
  part: t.part ?? '',
  tier: t.tier ?? '',
  year: t.year,
  basis: t.basis,
});

const TARGET_KEY = ['plan_id', 'region_code', 'indicator_code', 'part', 'tier', 'year', 'basis'] as const;

export const KEY_COLUMNS = {
  plan_id: 'text',
  region_code: 'text',
  indicator_code: 'text',
  part: 'text',
  tier: 'text',
  year: 'int',
  basis: 'text',
} as const;

export const TARGET_COLUMNS = { ...KEY_COLUMNS, doc: 'json' } as const;
export const targetRow = (d: TargetDoc) => ({ ...targetColumns(d), doc: JSON.stringify(d) });

export async function saveTargets(db: Kysely<Database>, docs: readonly TargetDoc[]): Promise<void> {
  await insertMany(db, 'progress_targets', TARGET_COLUMNS, docs.map(targetRow), {
    keys: TARGET_KEY,
    update: ['doc'],
  });
}

export const PROGRESS_ROW_COLUMNS = {
  ...KEY_COLUMNS,
  category: 'text',
  status: 'text',
  doc: 'json',
} as const;
/** A progress row's row: the target's key, what lists filter on, the whole row as json text. */
export const progressRowRow = (r: ProgressRow) => ({
  ...targetColumns({
    planId: r.planId,
    regionCode: r.region.code,
    indicatorCode: r.indicator.code,
    part: r.part?.code ?? null,
    tier: r.tier,
    year: r.targetYear,
    basis: r.basis,
  }),
  category: r.indicator.category,
  status: r.status,
  doc: JSON.stringify(r),
});

/** Replaces the progress rows of these pairs with `rows` (which must be every row of those pairs). */
export async function replaceRows(
  db: Kysely<Database>,
  pairs: readonly Pair[],
  rows: readonly ProgressRow[],
): Promise<void> {
  for (const chunk of chunks(pairs, 500)) {
    await db
      .deleteFrom('progress_rows')
      .where((eb) => pairsFilter(eb, chunk))
      .execute();
  }
  await insertMany(db, 'progress_rows', PROGRESS_ROW_COLUMNS, rows.map(progressRowRow));
}
