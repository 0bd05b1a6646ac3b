import type { GrowthModel } from '../vocabulary.ts';
import { fitTrend, type Trend } from './fit.ts';
import { pathOver } from './rates.ts';

/**
 * The projection rule, against runaway fits of young series (数字证书: 185 → 3,400 in two years, a log-linear
 * fit runs to 307,533 against a target of 15,000):
 *
 * - Fewer than MIN_FIT_POINTS reported years (baseline included): the trend is drawn (it is the line through
 *   the points) but marked uncertain, `few_points`.
 * - The projection may carry progress at most PROJECTION_CAP times the progress the target requires from the
 *   baseline (in the direction of progress). Beyond that it is capped there, marked uncertain, `beyond_cap`, and
 *   the fitted value is kept in `fitted`. The cap keeps gaps and charts on the scale of the plan; a trend that
 *   far beyond the target says only that it will be met, which the status says already.
 */
export const MIN_FIT_POINTS = 3;
export const PROJECTION_CAP = 2;

export type ProjectionDoubt = 'few_points' | 'beyond_cap';

export interface Projection {
  year: number;
  /** The trend's value in the target year, capped (see above). */
  value: number;
  /** The trend's own value in the target year, before the cap. */
  fitted: number;
  fit: Trend['fit'];
  rate: number;
  /** For a growth-rate target: the average growth from the baseline to the projected value. */
  annualGrowth: number | null;
  uncertain: boolean;
  doubts: ProjectionDoubt[];
}

export interface ProjectionInput {
  points: readonly { year: number; value: number }[];
  method: GrowthModel;
  baseline: { year: number; value: number };
  /** The level the target requires in the target year (for a growth-rate target, the required path's end). */
  targetLevel: number | null;
  targetYear: number;
  /** 1: progress is an increase; −1: a decrease. */
  sign: 1 | -1;
  growthTarget: boolean;
}

/** The least-squares trend (log-linear for the compound method, linear when values are not all positive). */
export function projectTrend(input: ProjectionInput): {
  projection: Projection | null;
  projectedPath: { year: number; value: number }[];
  logFitFellBack: boolean;
} {
  const { points, method, baseline, targetLevel, targetYear, sign } = input;
  let trend = fitTrend(points, method === 'compound' ? 'log_linear' : 'linear');
  let logFitFellBack = false;
  if (!trend && method === 'compound' && points.length > 1) {
    trend = fitTrend(points, 'linear');
    logFitFellBack = trend !== undefined;
  }
  if (!trend) return { projection: null, projectedPath: [], logFitFellBack };
  const fitted = trend.at(targetYear);
  const required = targetLevel === null ? 0 : (targetLevel - baseline.value) * sign;
  const cap = required > 0 ? baseline.value + PROJECTION_CAP * required * sign : null;
  const capped = (value: number) => (cap !== null && (value - cap) * sign > 0 ? cap : value);
  const value = capped(fitted);
  const doubts: ProjectionDoubt[] = [];
  if (new Set(points.map((p) => p.year)).size < MIN_FIT_POINTS) doubts.push('few_points');
  if (value !== fitted) doubts.push('beyond_cap');
  const span = targetYear - baseline.year;
  const annualGrowth =
    input.growthTarget && span > 0 && baseline.value > 0 && value > 0
      ? (value / baseline.value) ** (1 / span) - 1
      : null;
  const first = points[0]?.year ?? baseline.year;
  const fittedTrend = trend;
  return {
    projection: {
      year: targetYear,
      value,
      fitted,
      fit: trend.fit,
      rate: trend.rate,
      annualGrowth,
      uncertain: doubts.length > 0,
      doubts,
    },
    projectedPath: pathOver(first, targetYear, (y) => capped(fittedTrend.at(y))),
    logFitFellBack,
  };
}
