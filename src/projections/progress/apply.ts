import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.ts';
import type { ProjectedEvent, Projection } from '../projection.ts';
import { loadSeriesValues, saveSeriesValues } from '../series/table.ts';
import { seriesValueKey } from '../series/value.ts';
import { emptyInputs, evolveInputs, pairKey, targetDocKey } from './inputs.ts';
import { type Pair, uniquePairs } from './pairs.ts';
import { recomputeProgress, recomputeWith } from './recompute.ts';
import { replayProgress } from './replay.ts';
import {
  loadTargets,
  pairsWithTargets,
  saveIndicators,
  savePlans,
  saveRegions,
  saveTargets,
} from './tables.ts';

/**
 * Series values and progress, one projection with one checkpoint, so that every progress row is computed from
 * the values and targets at exactly that checkpoint. A batch of events is applied set-wise: load what it touches,
 * fold the events in memory with the same pure functions the as-of view uses, write back, and recompute the
 * progress rows of the (region, indicator) pairs it touched.
 */
export const progressProjection: Projection = {
  name: 'progress',
  tables: [
    'series_values',
    'progress_regions',
    'progress_plans',
    'progress_indicators',
    'progress_targets',
    'progress_rows',
  ],
  apply: applyProgress,
  replay: replayProgress,
};

async function applyProgress(trx: Kysely<Database>, events: readonly ProjectedEvent[]): Promise<void> {
  const valuePairs: Pair[] = [];
  const targetPairs: Pair[] = [];
  const touched = {
    regionCodes: new Set<string>(),
    planIds: new Set<string>(),
    indicatorCodes: new Set<string>(),
  };
  for (const event of events) {
    switch (event.type) {
      case 'ValueReported':
      case 'ValueRevised':
      case 'ValueRetracted':
        valuePairs.push([event.data.regionCode, event.data.indicatorCode]);
        break;
      case 'TargetSet':
      case 'TargetRevised':
      case 'TargetWithdrawn':
        targetPairs.push([event.data.regionCode, event.data.indicatorCode]);
        break;
      case 'RegionRegistered':
        touched.regionCodes.add(event.data.code);
        break;
      case 'PlanPublished':
        touched.planIds.add(event.data.planId);
        break;
      case 'IndicatorDefined':
        touched.indicatorCodes.add(event.data.code);
        break;
    }
  }

  // Everything the directly touched pairs hold, as it stands before the batch: the rows of those pairs are then
  // recomputed from memory. Pairs touched through a plan, indicator or region are recomputed from the tables.
  const direct = uniquePairs([...valuePairs, ...targetPairs]);
  const inputs = emptyInputs();
  const [values, targets] = await Promise.all([loadSeriesValues(trx, direct), loadTargets(trx, direct)]);
  for (const value of values) inputs.series.set(seriesValueKey(value), value);
  for (const target of targets) inputs.targets.set(targetDocKey(target), target);
  const before = { series: new Map(inputs.series), targets: new Map(inputs.targets) };

  for (const event of events) evolveInputs(inputs, event);

  await saveRegions(trx, [...inputs.regions.values()]);
  await savePlans(trx, [...inputs.plans.values()]);
  await saveIndicators(trx, [...inputs.indicators.values()]);
  await saveTargets(
    trx,
    [...inputs.targets].filter(([key, doc]) => before.targets.get(key) !== doc).map(([, doc]) => doc),
  );
  await saveSeriesValues(
    trx,
    [...inputs.series].filter(([key, doc]) => before.series.get(key) !== doc).map(([, doc]) => doc),
  );

  await recomputeWith(trx, [...inputs.targets.values()], inputs.series.values());
  const directKeys = new Set(direct.map(([region, indicator]) => pairKey(region, indicator)));
  const indirect = await pairsWithTargets(trx, {
    planIds: [...touched.planIds],
    indicatorCodes: [...touched.indicatorCodes],
    regionCodes: [...touched.regionCodes],
  });
  await recomputeProgress(
    trx,
    indirect.filter(([region, indicator]) => !directKeys.has(pairKey(region, indicator))),
  );
}
