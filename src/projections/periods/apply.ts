import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.ts';
import { eventSchemaVersions, type PlanEventType } from '../../domain/events.ts';
import { loadRows } from '../bulk-load.ts';
import type { Projection, Replay } from '../projection.ts';
import { PERIODS_PROJECTION } from './approved-years.ts';
import { foldPeriod, isPeriodEvent, type PeriodRows, periodRowKey } from './fold.ts';

/**
 * Each plan's region and report year as its period events left it: state and every transition with who, when
 * and why. A batch loads the rows it touches, folds the events into them and writes them back.
 */
export const periodsProjection: Projection = {
  name: PERIODS_PROJECTION,
  tables: ['periods'],
  async apply(trx, events) {
    const touched = events.filter(isPeriodEvent);
    if (touched.length === 0) return;
    const rows: PeriodRows = new Map();
    const existing = await trx
      .selectFrom('periods')
      .selectAll()
      .where((eb) =>
        eb.or(
          touched.map((event) =>
            eb.and([
              eb('plan_id', '=', event.data.planId),
              eb('region_code', '=', event.data.regionCode),
              eb('year', '=', event.data.year),
            ]),
          ),
        ),
      )
      .execute();
    for (const row of existing) rows.set(periodRowKey(row), { ...row, history: [...row.history] });
    for (const event of touched) foldPeriod(rows, event);
    for (const row of rows.values()) {
      const history = JSON.stringify(row.history);
      await trx
        .insertInto('periods')
        .values({ ...row, history })
        .onConflict((oc) =>
          oc.columns(['plan_id', 'region_code', 'year']).doUpdateSet({ state: row.state, history }),
        )
        .execute();
    }
  },
  replay: replayPeriods,
};

function replayPeriods(): Replay {
  const rows: PeriodRows = new Map();
  return {
    // Every type but its own.
    ignores: (Object.keys(eventSchemaVersions) as PlanEventType[]).filter((type) => !isPeriodEvent({ type })),
    add(events) {
      for (const event of events) foldPeriod(rows, event);
    },
    async write(db: Kysely<Database>) {
      await loadRows(
        db,
        'periods',
        { plan_id: 'text', region_code: 'text', year: 'int', state: 'text', history: 'jsonb' },
        [...rows.values()].map((row) => ({ ...row, history: JSON.stringify(row.history) })),
      );
    },
  };
}
