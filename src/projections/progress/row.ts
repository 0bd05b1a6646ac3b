import { assessProgress, type ProgressAssessment } from '../../domain/progress/assess.ts';
import { NOTES, type NoteCode } from '../../domain/progress/notes.ts';
import type { ProgressStatus } from '../../domain/progress/status.ts';
import { convertUnit } from '../../domain/units.ts';
import type { Comparator, Source, TargetBasis } from '../../domain/vocabulary.ts';
import type { CurrentValue } from '../series/value.ts';
import type { IndicatorDoc, PlanDoc, RegionDoc, TargetDoc, TargetStatement } from './inputs.ts';

/** A point used by the calculation, in the row's unit, with the value as stated when its unit differed. */
export interface PointUsed {
  year: number;
  value: number;
  comparator: Comparator;
  stated?: { value: number; unit: string };
}

/** One target assessed: where it stands, where its trend leads, and everything the calculation used. */
export interface ProgressRow {
  planId: string;
  region: { code: string; name: string | null };
  indicator: {
    code: string;
    name: string;
    category: string;
    unit: string;
    kind: string;
    direction: string;
    growth: string;
  };
  part: { code: string; name: string } | null;
  tier: string | null;
  basis: TargetBasis;
  targetYear: number;
  /** The unit of every level in this row: the target's (for a growth-rate target, the indicator's). */
  unit: string;
  target: {
    comparator: Comparator;
    value: number;
    /** A range's upper bound (between, 3到5个); `value` is the lower one. */
    upper?: number;
    unit: string;
    year: number;
    source: Source;
    /** A later statement (document) replaced an earlier one; `earlier` lists them, oldest first. */
    revised: boolean;
    earlier: TargetStatement[];
  };
  status: ProgressStatus;
  final: boolean;
  baseline: ProgressAssessment['baseline'];
  latest: ProgressAssessment['latest'];
  requiredRate: number | null;
  actualRate: number | null;
  ratio: number | null;
  projection: ProgressAssessment['projection'];
  gap: number | null;
  completion: ProgressAssessment['completion'];
  requiredPath: ProgressAssessment['requiredPath'];
  projectedPath: ProgressAssessment['projectedPath'];
  calculation: {
    method: ProgressAssessment['method'];
    /** The year of the baseline: the year before the plan period. */
    baseYear: number;
    /** The series part assessed: the target's part, or for a tier target the tier (values reported per tier). */
    observedPart: string | null;
    pointsUsed: PointUsed[];
    pointsIgnored: ProgressAssessment['pointsIgnored'];
    /** Values whose unit does not convert to the row's unit (another base): left out. */
    unconvertible: { year: number; value: number; unit: string }[];
    notes: { code: NoteCode; zh: string; en: string }[];
  };
}

/**
 * Assesses one target from the inputs. Pure: the SQL projection, the nightly recalculation and the as-of view all
 * compute rows with it, so they cannot disagree.
 *
 * The values assessed are those of the target's region, indicator and part; for a tier target (省级/市级/县级) those
 * reported for that tier (part = the tier's code: province, city, county), and none (no_data) when no value is
 * reported per tier. Each value is converted from the unit it was stated in to the target's.
 */
export function progressRowOf(
  target: TargetDoc,
  plan: PlanDoc,
  indicator: IndicatorDoc,
  region: RegionDoc | undefined,
  values: readonly CurrentValue[],
): ProgressRow {
  const growthTarget = target.basis === 'annual_growth';
  const unit = growthTarget ? indicator.unit : target.current.unit;
  const observedPart = target.tier ?? target.part;
  const observations: PointUsed[] = [];
  const unconvertible: ProgressRow['calculation']['unconvertible'] = [];
  const ofTarget = values
    .filter((v) => v.current && v.part === observedPart && v.regionCode === target.regionCode)
    .sort((a, b) => a.year - b.year);
  for (const { year, current } of ofTarget) {
    if (!current) continue;
    const value = convertUnit(current.value, current.unit, unit);
    if (value === undefined) unconvertible.push({ year, value: current.value, unit: current.unit });
    else
      observations.push({
        year,
        value,
        comparator: current.comparator,
        ...(current.unit === unit ? {} : { stated: { value: current.value, unit: current.unit } }),
      });
  }
  const baseYear = plan.period.start - 1;
  const assessment = assessProgress({
    direction: indicator.direction,
    growth: indicator.growth,
    basis: target.basis,
    baseYear,
    target: {
      year: target.year,
      comparator: target.current.comparator,
      value: target.current.value,
      upper: target.current.upper,
    },
    observations,
  });
  const part = target.part === null ? null : { code: target.part, name: partName(indicator, target.part) };
  return {
    planId: target.planId,
    region: { code: target.regionCode, name: region?.name ?? null },
    indicator: {
      code: indicator.code,
      name: indicator.name,
      category: indicator.category,
      unit: indicator.unit,
      kind: indicator.kind,
      direction: indicator.direction,
      growth: indicator.growth,
    },
    part,
    tier: target.tier,
    basis: target.basis,
    targetYear: target.year,
    unit,
    target: {
      comparator: target.current.comparator,
      value: target.current.value,
      ...(target.current.upper === undefined ? {} : { upper: target.current.upper }),
      unit: target.current.unit,
      year: target.year,
      source: target.current.source,
      revised: target.earlier.length > 0,
      earlier: target.earlier,
    },
    ...assessedFields(assessment, observations, baseYear, observedPart, unconvertible),
  };
}

/**
 * The fields of a row that its assessment decides, with each point's value as stated when its unit differed.
 * Shared by progressRowOf and the through-year view (through-year.ts), which reassesses a row on fewer years.
 */
export function assessedFields(
  assessment: ProgressAssessment,
  observations: readonly PointUsed[],
  baseYear: number,
  observedPart: string | null,
  unconvertible: ProgressRow['calculation']['unconvertible'],
): Pick<
  ProgressRow,
  | 'status'
  | 'final'
  | 'baseline'
  | 'latest'
  | 'requiredRate'
  | 'actualRate'
  | 'ratio'
  | 'projection'
  | 'gap'
  | 'completion'
  | 'requiredPath'
  | 'projectedPath'
  | 'calculation'
> {
  const byYear = new Map(observations.map((o) => [o.year, o]));
  return {
    status: assessment.status,
    final: assessment.final,
    baseline: assessment.baseline,
    latest: assessment.latest,
    requiredRate: assessment.requiredRate,
    actualRate: assessment.actualRate,
    ratio: assessment.ratio,
    projection: assessment.projection,
    gap: assessment.gap,
    completion: assessment.completion,
    requiredPath: assessment.requiredPath,
    projectedPath: assessment.projectedPath,
    calculation: {
      method: assessment.method,
      baseYear,
      observedPart,
      pointsUsed: assessment.pointsUsed.map((p) => {
        const stated = byYear.get(p.year)?.stated;
        return stated ? { ...p, stated } : p;
      }),
      pointsIgnored: assessment.pointsIgnored,
      unconvertible,
      notes: assessment.notes.map((code) => ({ code, ...NOTES[code] })),
    },
  };
}

const partName = (indicator: IndicatorDoc, code: string) =>
  indicator.parts.find((p) => p.code === code)?.name ?? code;

/** The order rows are listed in everywhere: plan, category, indicator, region, part, tier, year, basis. */
export function compareRows(a: ProgressRow, b: ProgressRow): number {
  return (
    cmp(a.planId, b.planId) ||
    cmp(a.indicator.category, b.indicator.category) ||
    cmp(a.indicator.code, b.indicator.code) ||
    cmp(a.region.code, b.region.code) ||
    cmp(a.part?.code ?? '', b.part?.code ?? '') ||
    cmp(a.tier ?? '', b.tier ?? '') ||
    a.targetYear - b.targetYear ||
    cmp(a.basis, b.basis)
  );
}

/** Code-point order: the same on every machine and locale. */
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
