import type { CurrentValue } from '../series/value.ts';
import { type IndicatorDoc, type PlanDoc, pairKey, type RegionDoc, type TargetDoc } from './inputs.ts';
import { compareRows, type ProgressRow, progressRowOf } from './row.ts';

export interface RowInputs {
  regions: ReadonlyMap<string, RegionDoc>;
  plans: ReadonlyMap<string, PlanDoc>;
  indicators: ReadonlyMap<string, IndicatorDoc>;
  /** Series values by pairKey(region, indicator). */
  valuesByPair: ReadonlyMap<string, readonly CurrentValue[]>;
}

export function groupByPair<V extends CurrentValue>(values: Iterable<V>): Map<string, V[]> {
  const byPair = new Map<string, V[]>();
  for (const value of values) {
    const key = pairKey(value.regionCode, value.indicatorCode);
    const list = byPair.get(key);
    if (list) list.push(value);
    else byPair.set(key, [value]);
  }
  return byPair;
}

/**
 * The progress rows of these targets, in list order. A target whose plan or indicator has not been stated (yet)
 * has no row: it gets one when they are. A withdrawn target has none: nothing is measured against it.
 */
export function computeRows(targets: Iterable<TargetDoc>, inputs: RowInputs): ProgressRow[] {
  return [...eachRow(targets, inputs)].sort(compareRows);
}

/** The progress rows of these targets, in no particular order, each made as it is taken (a rebuild writes them). */
export function* eachRow(targets: Iterable<TargetDoc>, inputs: RowInputs): Generator<ProgressRow> {
  for (const target of targets) {
    if (target.withdrawn) continue;
    const plan = inputs.plans.get(target.planId);
    const indicator = inputs.indicators.get(target.indicatorCode);
    if (!plan || !indicator) continue;
    const values = inputs.valuesByPair.get(pairKey(target.regionCode, target.indicatorCode)) ?? [];
    yield progressRowOf(target, plan, indicator, inputs.regions.get(target.regionCode), values);
  }
}
