import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database/schema.ts';
import { documentTitles, withTitle } from './indicators.ts';

export interface PlanSummary {
  planId: string;
  title: string;
  issuer: string;
  issuedOn: string;
  period: { start: number; end: number };
  region: { code: string; name: string; level: string; parentCode: string | null };
  /** Every document that states something of this plan (a target or a restatement), the publishing one first. */
  documents: string[];
  counts: { indicators: number; targets: number; revisedTargets: number };
}

export interface TargetView {
  regionCode: string;
  part: string | null;
  tier: string | null;
  year: number;
  basis: string;
  comparator: string;
  value: number;
  /** The upper bound of a range target (between, 3到5个); null otherwise. */
  upper: number | null;
  unit: string;
  source: Record<string, unknown>;
  /** The row label the plan prints for this target (its table's row), or null for a target stated in prose. */
  printedName: string | null;
  /** Every statement of the current value, the first one first (a table row and the prose, or two documents). */
  citations: Record<string, unknown>[];
  /** Earlier statements of this target that a later document replaced, oldest first. */
  revisions: Record<string, unknown>[];
}

export interface PlanDetail extends PlanSummary {
  indicators: {
    code: string;
    name: string;
    category: string;
    unit: string;
    kind: string;
    direction: string;
    growth: string;
    parts: { code: string; name: string }[];
    /** The row label the plan prints for the indicator in its own region (the catalog's name is `name`). */
    printedName: string | null;
    targets: TargetView[];
  }[];
}

async function summaries(db: Kysely<Database>, planId?: string): Promise<PlanSummary[]> {
  let query = db
    .selectFrom('catalog_plans as p')
    .innerJoin('catalog_regions as r', 'r.code', 'p.region_code')
    // A withdrawn target is no longer the plan's: it is left out (its events stay in the history).
    .leftJoin('catalog_targets as t', (join) =>
      join.onRef('t.plan_id', '=', 'p.plan_id').on('t.withdrawn', 'is', null),
    )
    .select((eb) => [
      'p.plan_id',
      'p.title',
      'p.issuer',
      'p.issued_on',
      'p.period_start',
      'p.period_end',
      'p.document',
      'r.code',
      'r.name',
      'r.level',
      'r.parent_code',
      eb.fn.count<number>('t.indicator_code').distinct().as('indicators'),
      eb.fn.count<number>('t.plan_id').as('targets'),
      eb.fn
        .countAll<number>()
        .filterWhere(eb.fn('jsonb_array_length', ['t.revisions']), '>', 0)
        .as('revised'),
      // Every document citing one of the plan's targets: the first statement or a restatement
      sql<string[] | null>`(SELECT array_agg(DISTINCT c->>'document') FROM catalog_targets AS ct,
        jsonb_array_elements(ct.citations || jsonb_build_array(ct.source)) AS c
        WHERE ct.plan_id = p.plan_id AND ct.withdrawn IS NULL AND c ? 'document')`.as('cited'),
    ])
    .groupBy(['p.plan_id', 'r.code'])
    .orderBy('p.plan_id');
  if (planId) query = query.where('p.plan_id', '=', planId);
  const rows = await query.execute();
  return rows.map((row) => {
    const cited = [...(row.cited ?? [])].sort();
    return {
      planId: row.plan_id,
      title: row.title,
      issuer: row.issuer,
      issuedOn: row.issued_on,
      period: { start: row.period_start, end: row.period_end },
      region: { code: row.code, name: row.name, level: row.level, parentCode: row.parent_code },
      documents: [...new Set([row.document, ...cited])],
      counts: {
        indicators: Number(row.indicators),
        targets: Number(row.targets),
        revisedTargets: Number(row.revised),
      },
    };
  });
}

/** Every plan with its region and how many indicators and targets it has. */
export const listPlans = (db: Kysely<Database>) => summaries(db);

/** One plan with its indicators and their targets; undefined when there is no such plan. */
export async function getPlan(db: Kysely<Database>, planId: string): Promise<PlanDetail | undefined> {
  const [summary] = await summaries(db, planId);
  if (!summary) return undefined;
  const titles = await documentTitles(db);
  const rows = await db
    .selectFrom('catalog_targets as t')
    .innerJoin('catalog_indicators as i', 'i.code', 't.indicator_code')
    .selectAll('t')
    .select([
      'i.name',
      'i.category',
      'i.unit as indicator_unit',
      'i.kind',
      'i.direction',
      'i.growth',
      'i.parts',
    ])
    .where('t.plan_id', '=', planId)
    .where('t.withdrawn', 'is', null)
    .orderBy('i.category')
    .orderBy('t.indicator_code')
    .orderBy('t.region_code')
    .orderBy('t.year')
    .orderBy('t.basis')
    .orderBy('t.part')
    .orderBy('t.tier')
    .execute();
  const indicators = new Map<string, PlanDetail['indicators'][number]>();
  for (const row of rows) {
    let indicator = indicators.get(row.indicator_code);
    if (!indicator) {
      indicator = {
        code: row.indicator_code,
        name: row.name,
        category: row.category,
        unit: row.indicator_unit,
        kind: row.kind,
        direction: row.direction,
        growth: row.growth,
        parts: row.parts,
        printedName: null,
        targets: [],
      };
      indicators.set(row.indicator_code, indicator);
    }
    const source = withTitle(row.source, titles);
    const printedName = typeof source.printedName === 'string' ? source.printedName : null;
    // The label the plan's own document prints for its own region (not another plan's table quoting it)
    const own = row.region_code === summary.region.code && source.document === summary.documents[0];
    if (printedName && own) indicator.printedName ??= printedName;
    indicator.targets.push({
      regionCode: row.region_code,
      part: row.part || null,
      tier: row.tier || null,
      year: row.year,
      basis: row.basis,
      comparator: row.comparator,
      value: row.value,
      upper: row.upper,
      unit: row.unit,
      source,
      printedName,
      citations: (row.citations.length > 0 ? row.citations : [row.source]).map((c) => withTitle(c, titles)),
      revisions: row.revisions,
    });
  }
  return { ...summary, indicators: [...indicators.values()] };
}
