import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.ts';
import type { LogCheckpoint } from '../../store/types.ts';
import { loadRows, mapped } from '../bulk-load.ts';
import type { Finished, Replay } from '../projection.ts';
import { loadCurrentValuesWithTargets } from '../series/current-values.ts';
import { isSeriesEvent } from '../series/value.ts';
import { SERIES_EVENT_TYPES, writeSeriesFromLog } from '../series/write-from-log.ts';
import { eachRow, groupByPair } from './compute.ts';
import { emptyInputs, evolveInputs } from './inputs.ts';
import { PROGRESS_ROW_COLUMNS, progressRowRow, TARGET_COLUMNS, targetRow } from './tables.ts';

/**
 * The whole log into the progress tables of a rebuild. The series values (nearly all of the log) are folded on the
 * server, in one statement (writeSeriesFromLog), and are not read here. The rest (regions, plans, indicators,
 * targets) is folded in memory by evolveInputs, as the batches and the as-of view fold it, and written once.
 * Then every progress row is computed once, from the targets and the current values the server folded.
 */
export function replayProgress(): Replay {
  const inputs = emptyInputs();
  let series: Promise<void> | undefined;
  const writeSeries = (db: Kysely<Database>, through: LogCheckpoint, finished: Finished) =>
    writeSeriesFromLog(db, through).then(() => {
      // Keyed and indexed beside the progress rows, which only read its columns.
      void finished('series_values');
    });
  return {
    ignores: SERIES_EVENT_TYPES,
    start(db, through, finished) {
      series = writeSeries(db, through, finished);
      return series;
    },
    add(events) {
      for (const event of events) if (!isSeriesEvent(event)) evolveInputs(inputs, event);
    },
    async write(db: Kysely<Database>, through, finished) {
      // Side by side on connections of their own: the server folds the series (started with the replay, where
      // the rebuild knew where it would end) while this process writes the documents and the targets.
      series ??= writeSeries(db, through, finished);
      const documents = (async () => {
        await loadRows(
          db,
          'progress_regions',
          { code: 'text', doc: 'json' },
          mapped(inputs.regions.values(), (d) => ({ code: d.code, doc: JSON.stringify(d) })),
        );
        await loadRows(
          db,
          'progress_plans',
          { plan_id: 'text', region_code: 'text', doc: 'json' },
          mapped(inputs.plans.values(), (d) => ({
            plan_id: d.planId,
            region_code: d.regionCode,
            doc: JSON.stringify(d),
          })),
        );
        await loadRows(
          db,
          'progress_indicators',
          { code: 'text', category: 'text', doc: 'json' },
          mapped(inputs.indicators.values(), (d) => ({
            code: d.code,
            category: d.category,
            doc: JSON.stringify(d),
          })),
        );
        await loadRows(db, 'progress_targets', TARGET_COLUMNS, mapped(inputs.targets.values(), targetRow));
        await finished('progress_targets');
      })();
      // Both settle before either's failure is reported: no statement left running behind the caller's back.
      const [a, b] = await Promise.allSettled([series, documents]);
      if (a.status === 'rejected') throw a.reason;
      if (b.status === 'rejected') throw b.reason;
      const values = groupByPair(await loadCurrentValuesWithTargets(db));
      const rows = eachRow(inputs.targets.values(), { ...inputs, valuesByPair: values });
      await loadRows(db, 'progress_rows', PROGRESS_ROW_COLUMNS, mapped(rows, progressRowRow));
    },
  };
}
