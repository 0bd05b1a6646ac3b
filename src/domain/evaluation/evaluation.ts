import type { Completion } from '../progress/completion.ts';
import { type ProgressStatus, STATUSES } from '../progress/status.ts';
import type { Comparator, TargetBasis } from '../vocabulary.ts';

/**
 * The evaluation a bureau writes twice per plan (中期评估 on the figures through 2013, 终期评估 through 2015):
 * per category and target the baseline, each year's value, the target, completion, status, projection and the
 * citation, and a summary. Pure: assembled from assessed targets, rendered elsewhere (JSON, CSV, XLSX, HTML).
 */

/** What the evaluation reads of an assessed target (a progress row has these fields). */
export interface AssessedTarget {
  indicator: { code: string; name: string; category: string; unit: string; direction: string };
  part: { code: string; name: string } | null;
  tier: string | null;
  basis: TargetBasis;
  targetYear: number;
  unit: string;
  target: {
    comparator: Comparator;
    value: number;
    /** The upper bound of a range target (between). */
    upper?: number | undefined;
    unit: string;
    source: Record<string, unknown>;
  };
  status: ProgressStatus;
  final: boolean;
  baseline: { year: number; value: number; comparator: Comparator } | null;
  latest: { year: number; value: number; comparator: Comparator } | null;
  ratio: number | null;
  gap: number | null;
  completion: Completion | null;
  projection: { year: number; value: number; uncertain: boolean; doubts: string[] } | null;
  calculation: {
    pointsUsed: { year: number; value: number; comparator: Comparator }[];
    notes: { code: string; zh: string }[];
  };
}

export type EvaluationKind = 'mid_term' | 'final' | 'interim';

export interface EvaluationTarget {
  category: string;
  indicator: { code: string; name: string; unit: string; direction: string };
  part: { code: string; name: string } | null;
  tier: string | null;
  basis: TargetBasis;
  targetYear: number;
  unit: string;
  baseline: { year: number; value: number; comparator: Comparator } | null;
  /** One entry per year of the plan period (baseline year first), null where nothing is reported. */
  values: { year: number; value: number | null; comparator: Comparator | null }[];
  target: { comparator: Comparator; value: number; upper?: number; unit: string };
  status: ProgressStatus;
  final: boolean;
  completion: Completion | null;
  ratio: number | null;
  gap: number | null;
  projection: { year: number; value: number; uncertain: boolean; doubts: string[] } | null;
  citation: { document: string | null; section: string | null; printed: string | null; text: string };
  notes: string[];
}

export interface Evaluation {
  plan: { planId: string; title: string; period: { start: number; end: number } };
  region: { code: string; name: string | null };
  throughYear: number;
  kind: EvaluationKind;
  years: number[];
  categories: { category: string; targets: EvaluationTarget[] }[];
  summary: {
    total: number;
    counts: Record<ProgressStatus, number>;
    byCategory: { category: string; total: number; counts: Record<ProgressStatus, number> }[];
    /** The targets furthest behind: not achieved first, then by how little of the way they came. */
    mostBehind: {
      category: string;
      indicator: string;
      part: string | null;
      status: ProgressStatus;
      completion: number | null;
    }[];
  };
}

/** How many targets the summary names as most behind. */
export const MOST_BEHIND = 5;

const zero = () => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ProgressStatus, number>;

/** Statuses in the order a target is "behind": missed first, on the way last; achieved and no_data not behind. */
const BEHIND: readonly ProgressStatus[] = [
  'not_achieved',
  'regressing',
  'insufficient',
  'moderate',
  'on_track',
];

export function kindOf(throughYear: number, period: { start: number; end: number }): EvaluationKind {
  if (throughYear >= period.end) return 'final';
  return throughYear === Math.floor((period.start + period.end) / 2) ? 'mid_term' : 'interim';
}

export function assembleEvaluation(input: {
  plan: Evaluation['plan'];
  region: Evaluation['region'];
  throughYear: number;
  targets: readonly AssessedTarget[];
}): Evaluation {
  const { plan, throughYear } = input;
  const last = Math.min(throughYear, plan.period.end);
  const years: number[] = [];
  for (let y = plan.period.start - 1; y <= last; y++) years.push(y);
  const byCategory = new Map<string, EvaluationTarget[]>();
  for (const row of input.targets) {
    const entry = evaluationTarget(row, years, plan.title);
    const list = byCategory.get(entry.category);
    if (list) list.push(entry);
    else byCategory.set(entry.category, [entry]);
  }
  const categories = [...byCategory].map(([category, targets]) => ({ category, targets }));
  const counts = zero();
  const categoryCounts = categories.map(({ category, targets }) => {
    const c = zero();
    for (const t of targets) {
      c[t.status]++;
      counts[t.status]++;
    }
    return { category, total: targets.length, counts: c };
  });
  const all = categories.flatMap((c) => c.targets);
  const mostBehind = all
    .filter((t) => BEHIND.includes(t.status))
    .sort((a, b) => BEHIND.indexOf(a.status) - BEHIND.indexOf(b.status) || behindness(a) - behindness(b))
    .slice(0, MOST_BEHIND)
    .map((t) => ({
      category: t.category,
      indicator: t.indicator.name,
      part: t.part?.name ?? null,
      status: t.status,
      completion: t.completion?.progress ?? null,
    }));
  return {
    plan,
    region: input.region,
    throughYear,
    kind: kindOf(throughYear, plan.period),
    years,
    categories,
    summary: { total: all.length, counts, byCategory: categoryCounts, mostBehind },
  };
}

/** How far along a target is (lower: further behind): its completion, else its growth ratio. */
const behindness = (t: EvaluationTarget) => t.completion?.progress ?? t.ratio ?? 0;

function evaluationTarget(
  row: AssessedTarget,
  years: readonly number[],
  planTitle: string,
): EvaluationTarget {
  const byYear = new Map(row.calculation.pointsUsed.map((p) => [p.year, p]));
  const source = row.target.source;
  const text = (key: string) => (typeof source[key] === 'string' ? (source[key] as string) : null);
  const document = source.kind === 'document' ? text('document') : null;
  const section = text('section');
  const printed = text('printed');
  return {
    category: row.indicator.category,
    indicator: {
      code: row.indicator.code,
      name: row.indicator.name,
      unit: row.indicator.unit,
      direction: row.indicator.direction,
    },
    part: row.part,
    tier: row.tier,
    basis: row.basis,
    targetYear: row.targetYear,
    unit: row.unit,
    baseline: row.baseline
      ? { year: row.baseline.year, value: row.baseline.value, comparator: row.baseline.comparator }
      : null,
    values: years.map((year) => {
      const p = byYear.get(year);
      return { year, value: p?.value ?? null, comparator: p?.comparator ?? null };
    }),
    target: {
      comparator: row.target.comparator,
      value: row.target.value,
      ...(row.target.upper === undefined ? {} : { upper: row.target.upper }),
      unit: row.target.unit,
    },
    status: row.status,
    final: row.final,
    completion: row.completion,
    ratio: row.ratio,
    gap: row.gap,
    projection: row.projection
      ? {
          year: row.projection.year,
          value: row.projection.value,
          uncertain: row.projection.uncertain,
          doubts: row.projection.doubts,
        }
      : null,
    citation: {
      document,
      section,
      printed,
      text: [
        source.kind === 'document' ? `《${planTitle}》` : null,
        section,
        printed ? `原文“${printed}”` : null,
      ]
        .filter(Boolean)
        .join('，'),
    },
    notes: row.calculation.notes.map((n) => n.zh),
  };
}
