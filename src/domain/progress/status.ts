import { z } from 'zod';

/**
 * Where a target stands. Before the target year is reported, the cut-offs are those of the growth-ratio method
 * used for SDG progress reports (Statistics Canada's method as Open SDG implements it): the ratio of the
 * observed to the required rate of progress, 0.95 / 0.6 / 0. Once the target year is reported the outcome is
 * settled, as an evaluation (终期评估) states it: achieved (完成) or not_achieved (未完成).
 */
export const ProgressStatus = z.enum([
  'achieved',
  'on_track',
  'moderate',
  'insufficient',
  'regressing',
  'not_achieved',
  'no_data',
]);
export type ProgressStatus = z.infer<typeof ProgressStatus>;

/** Every status, best first: the order of scorecards and of the CSV columns. */
export const STATUSES: readonly ProgressStatus[] = ProgressStatus.options;

export const ON_TRACK_RATIO = 0.95;
export const MODERATE_RATIO = 0.6;

/** The status a ratio of actual to required progress earns, for a target not (yet) achieved. */
export function statusOfRatio(
  ratio: number,
): Exclude<ProgressStatus, 'achieved' | 'not_achieved' | 'no_data'> {
  if (ratio >= ON_TRACK_RATIO) return 'on_track';
  if (ratio >= MODERATE_RATIO) return 'moderate';
  if (ratio >= 0) return 'insufficient';
  return 'regressing';
}
