import type { Comparator, Direction, GrowthModel, TargetBasis } from '../vocabulary.ts';
import { type Completion, completionOf } from './completion.ts';
import { satisfies, type Verdict, verdict } from './meets-target.ts';
import type { NoteCode } from './notes.ts';
import { type Projection, projectTrend } from './projection.ts';
import { pathOver, rateBetween } from './rates.ts';
import { type ProgressStatus, statusOfRatio } from './status.ts';

/** An actual value of one year, in the target's unit. */
export interface Observation {
  year: number;
  value: number;
  comparator: Comparator;
}

export interface ProgressInput {
  /** Which way is progress (for a lower-is-better indicator progress is a decrease). */
  direction: Direction;
  /** The indicator's growth model from the catalog; a growth-rate target is always compound. */
  growth: GrowthModel;
  basis: TargetBasis;
  /** The year before the plan period (2010 for 2011–2015): the year of the baseline. */
  baseYear: number;
  /**
   * A level in the observations' unit, or (basis annual_growth) a growth rate in percent per year. A range
   * (`between`) has its upper bound in `upper`.
   */
  target: { year: number; comparator: Comparator; value: number; upper?: number | undefined };
  /** The actuals, one per year, any order. */
  observations: readonly Observation[];
}

export interface YearValue {
  year: number;
  value: number;
}

/**
 * A target assessed, with everything the assessment used, so that it can be checked by hand.
 * Rates are per year: in the target's unit for the linear method, as a fraction (0.1 = 10 %) for the compound one.
 */
export interface ProgressAssessment {
  status: ProgressStatus;
  /** The target year (or a later one) has been reported: the outcome will not change with new years. */
  final: boolean;
  /** The path drawn from baseline to target and the rates measured: linear, or compound (growth per year). */
  method: GrowthModel;
  baseline: (Observation & { from: 'base_year' | 'first_reported' }) | null;
  latest: Observation | null;
  /** Rate the target requires from the baseline on. */
  requiredRate: number | null;
  /** Rate achieved from the baseline to the latest actual. */
  actualRate: number | null;
  /** actualRate / requiredRate (rounded to 12 significant digits, so 0.95 is not 0.9499999999999). */
  ratio: number | null;
  /**
   * The least-squares trend of every actual used (log-linear for the compound method), evaluated in the target
   * year; `rate` is its slope (linear) or exp(slope) − 1 (log-linear); `annualGrowth`, for a growth-rate target,
   * the average growth from the baseline to the projected value. Capped and marked uncertain by the projection
   * rule (projection.ts).
   */
  projection: Projection | null;
  /**
   * How far the target is missed, in the direction of progress (positive: short; zero or negative: met), in
   * the target's unit or in percentage points for a growth-rate target: once final, by the target year's
   * actual (as `completion.gap`); before, by the projection.
   */
  gap: number | null;
  /** 完成率 and the latest actual's gap (completion.ts); null without a baseline and a later actual. */
  completion: Completion | null;
  requiredPath: YearValue[];
  projectedPath: YearValue[];
  pointsUsed: Observation[];
  pointsIgnored: (Observation & { reason: 'before_base_year' | 'after_target_year' })[];
  notes: NoteCode[];
}

const round12 = (x: number) => Number(x.toPrecision(12));

/**
 * Assesses one target against the actuals reported for it, by the growth-ratio method: the ratio of the rate of
 * progress achieved since the baseline to the rate the target requires, classified 0.95 / 0.6 / 0.
 *
 * - Baseline: the value of the base year, else the first value reported (the row says so).
 * - Only actuals from the base year to the target year count: a 2013 value does not decide a 2012 target.
 * - achieved: the latest actual proves the target's comparator met (meets-target.ts: a bound or a ≈ value that
 *   may fall either side proves nothing). A growth-rate target is achieved only when the target year is in and
 *   the average growth since the baseline meets it.
 * - Once the target year is reported (final), the outcome is settled: achieved, or not_achieved when the
 *   target year's actual misses it, however fast it grew; with the completion rate and the gap. Before, the
 *   growth-ratio statuses.
 * - Compound method: rates are compound growth per year, the trend is log-linear; it needs positive values,
 *   else the linear method serves (and the row says so), so a series that fell to zero reads regressing.
 */
export function assessProgress(input: ProgressInput): ProgressAssessment {
  const { baseYear } = input;
  const sign = input.direction === 'increase' ? 1 : -1;
  const range = rangeOf(input.target, sign);
  // A range is measured against the bound progress reaches first (the lower one when more is better).
  const target = range ? { year: input.target.year, ...range.near } : input.target;
  const growthTarget = input.basis === 'annual_growth';
  const notes: NoteCode[] = [];
  const sorted = [...input.observations].sort((a, b) => a.year - b.year);
  const pointsUsed = sorted.filter((p) => p.year >= baseYear && p.year <= target.year).map(observation);
  const pointsIgnored = sorted
    .filter((p) => p.year < baseYear || p.year > target.year)
    .map((p) => ({
      ...observation(p),
      reason: p.year < baseYear ? ('before_base_year' as const) : ('after_target_year' as const),
    }));

  const first = pointsUsed[0];
  const latest = pointsUsed.at(-1);
  let method: GrowthModel = growthTarget ? 'compound' : input.growth;
  const empty = {
    final: false,
    baseline: null,
    latest: null,
    requiredRate: null,
    actualRate: null,
    ratio: null,
    projection: null,
    gap: null,
    completion: null,
    requiredPath: [],
    projectedPath: [],
    pointsUsed,
    pointsIgnored,
  };
  if (!first || !latest) return { ...empty, status: 'no_data', method, notes: ['no_actuals'] };

  const basePoint = pointsUsed.find((p) => p.year === baseYear);
  const baseline = {
    ...(basePoint ?? first),
    from: basePoint ? ('base_year' as const) : ('first_reported' as const),
  };
  if (!basePoint) notes.push('baseline_first_reported');
  if (baseline.comparator !== 'eq' && baseline.comparator !== 'approx') notes.push('baseline_is_bound');
  const final = latest.year >= target.year;
  if (final) notes.push('target_year_reached');

  if (!growthTarget && method === 'compound') {
    if (!(baseline.value > 0 && target.value > 0)) {
      method = 'linear';
      notes.push('compound_needs_positive_values');
    } else if (!(latest.value > 0)) {
      // A compound rate to zero or below does not exist; the linear one measures the fall.
      method = 'linear';
      notes.push('compound_latest_not_positive');
    }
  }
  const span = target.year - baseline.year;
  const requiredRate = growthTarget
    ? target.value / 100
    : (rateBetween(method, baseline, { year: target.year, value: target.value }) ?? null);
  let actualRate = rateBetween(method, baseline, latest) ?? null;
  if (growthTarget && actualRate === null && baseline.value > 0 && latest.year > baseline.year) {
    // Fallen to zero or below: as far as growth can fall, −100 % a year.
    actualRate = -1;
    notes.push('growth_latest_not_positive');
  }
  const ahead = requiredRate !== null && requiredRate * sign > 0;
  const ratio = ahead && actualRate !== null ? round12(actualRate / requiredRate) : null;

  const requiredPath =
    span <= 0 || requiredRate === null
      ? []
      : growthTarget
        ? pathOver(
            baseline.year,
            target.year,
            (y) => baseline.value * (1 + requiredRate) ** (y - baseline.year),
          )
        : pathOver(baseline.year, target.year, (y) => interpolate(method, baseline, target, span, y));

  const { projection, projectedPath, logFitFellBack } = projectTrend({
    points: pointsUsed,
    method,
    baseline,
    targetLevel: requiredPath.at(-1)?.value ?? null,
    targetYear: target.year,
    sign,
    growthTarget,
  });
  if (logFitFellBack) notes.push('log_fit_needs_positive_values');
  if (projection?.doubts.includes('few_points')) notes.push('projection_few_points');
  if (projection?.doubts.includes('beyond_cap')) notes.push('projection_capped');

  const completion =
    latest.year > baseline.year || final
      ? completionOf({
          sign,
          growthTarget,
          baseline: baseline.value,
          latest: latest.value,
          target: target.value,
          actualRate,
        })
      : null;
  const projectedGap = growthTarget
    ? projection?.annualGrowth === null || projection?.annualGrowth === undefined
      ? null
      : (target.value - projection.annualGrowth * 100) * sign
    : projection === null
      ? null
      : (target.value - projection.value) * sign;
  const gap = final ? (completion?.gap ?? null) : projectedGap;

  let outcome: Verdict;
  if (growthTarget) {
    outcome = actualRate === null ? 'open' : satisfies(actualRate * 100, target) ? 'met' : 'missed';
    if (!final) {
      notes.push('growth_achieved_only_when_final');
      if (outcome === 'met') outcome = 'open';
    }
  } else {
    outcome = verdict(latest, target);
    if (outcome === 'open') notes.push('latest_is_bound');
  }
  if (target.comparator === 'approx') notes.push('approx_within_tolerance');
  if (range) {
    notes.push('range_target');
    if (verdict(latest, range.beyond) === 'met') notes.push('beyond_range');
  }

  let status: ProgressStatus;
  if (outcome === 'met' && latest.year === baseline.year) {
    // The plan's own baseline says nothing of the plan period: nothing is achieved before anything is reported.
    status = 'no_data';
    notes.push('one_point_only', 'baseline_meets_target');
  } else if (outcome === 'met') status = 'achieved';
  else if (final && outcome === 'missed') status = 'not_achieved';
  else if (latest.year === baseline.year) {
    status = 'no_data';
    notes.push('one_point_only');
  } else if (actualRate === null || requiredRate === null) {
    status = 'no_data';
    if (growthTarget) notes.push('growth_needs_positive_values');
  } else if (ratio === null) {
    notes.push('target_not_ahead');
    status = actualRate * sign < 0 ? 'regressing' : 'insufficient';
  } else status = statusOfRatio(ratio);
  if (final && outcome === 'open') notes.push('final_outcome_open');

  return {
    status,
    final,
    method,
    baseline,
    latest,
    requiredRate,
    actualRate,
    ratio,
    projection,
    gap,
    completion,
    requiredPath,
    projectedPath,
    pointsUsed,
    pointsIgnored,
    notes,
  };
}

/**
 * A range target (3到5个) as the bound progress is measured to (`≥3` when more is better, `≤5` when less is)
 * and the statement of a value past the other bound (`＞5`): inside the range is achieved; past the far bound
 * it is achieved too, as an evaluator says 超额完成, and the row carries `beyond_range`.
 */
function rangeOf(target: ProgressInput['target'], sign: 1 | -1) {
  if (target.comparator !== 'between' || target.upper === undefined) return null;
  const { value: lower, upper } = target;
  return sign > 0
    ? {
        near: { comparator: 'gte' as const, value: lower },
        beyond: { comparator: 'gt' as const, value: upper },
      }
    : {
        near: { comparator: 'lte' as const, value: upper },
        beyond: { comparator: 'lt' as const, value: lower },
      };
}

const observation = (p: Observation): Observation => ({
  year: p.year,
  value: p.value,
  comparator: p.comparator,
});

/** The required path in `year`: straight, or at constant compound growth, from the baseline to the target. */
function interpolate(
  method: GrowthModel,
  baseline: YearValue,
  target: { value: number },
  span: number,
  year: number,
): number {
  const share = (year - baseline.year) / span;
  if (share === 1) return target.value;
  return method === 'linear'
    ? baseline.value + (target.value - baseline.value) * share
    : baseline.value * (target.value / baseline.value) ** share;
}
