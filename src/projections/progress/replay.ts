import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.ts';
import { loadRows, mapped } from '../bulk-load.ts';
import type { Replay } from '../projection.ts';
import { SERIES_VALUE_COLUMNS, seriesValueRow } from '../series/table.ts';
import { computeRows, groupByPair } from './compute.ts';
import { emptyInputs, evolveInputs } from './inputs.ts';
import { PROGRESS_ROW_COLUMNS, progressRowRow, TARGET_COLUMNS, targetRow } from './tables.ts';

/**
 * The whole log into the progress tables of a rebuild: every event folded in memory by evolveInputs (as the
 * batches and the as-of view fold them), then each table written once and every progress row computed once from
 * the final inputs, instead of loading, upserting and recomputing the touched pairs after every batch.
 */
export function replayProgress(): Replay {
  const inputs = emptyInputs();
  return {
    add(events) {
      for (const event of events) evolveInputs(inputs, event);
    },
    async write(db: Kysely<Database>) {
      // Two runs side by side on connections of their own: the series values (the bulk of the data), and the
      // documents with the progress rows computed from them.
      const series = loadRows(
        db,
        'series_values',
        SERIES_VALUE_COLUMNS,
        mapped(inputs.series.values(), seriesValueRow),
      );
      const rest = (async () => {
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
        const rows = computeRows(inputs.targets.values(), {
          ...inputs,
          valuesByPair: groupByPair(inputs.series.values()),
        });
        await loadRows(db, 'progress_rows', PROGRESS_ROW_COLUMNS, mapped(rows, progressRowRow));
      })();
      // Both settle before either's failure is reported: no statement left running behind the caller's back.
      const [a, b] = await Promise.allSettled([series, rest]);
      if (a.status === 'rejected') throw a.reason;
      if (b.status === 'rejected') throw b.reason;
    },
  };
}
