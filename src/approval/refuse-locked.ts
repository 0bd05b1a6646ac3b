import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { streams } from '../domain/events.ts';
import { emptySeries, evolveSeries, seriesKey } from '../domain/series/state.ts';
import { type StatedValue, sameStatedValue } from '../domain/stated-value.ts';
import { upcast } from '../domain/upcast.ts';
import { readStream } from '../store/read-stream.ts';
import { loadPeriodLocks, lockedMessage } from './period-locks.ts';

/** Thrown by a single-value write into a locked year; the HTTP layer answers 409 period_locked. */
export class PeriodLocked extends Error {
  override readonly name = 'PeriodLocked';
  constructor(readonly messages: { zh: string; en: string }) {
    super(messages.en);
  }
}

/** A value to report: the same as the one recorded changes nothing, and passes a lock as an upload's does. */
export interface ReportedPoint extends StatedValue {
  indicatorCode: string;
  part: string | null;
}

async function sameAsRecorded(db: Kysely<Database>, regionCode: string, year: number, point: ReportedPoint) {
  const events = await readStream(db, streams.series(regionCode, point.indicatorCode));
  const current = events
    .map(upcast)
    .reduce(evolveSeries, emptySeries())
    .values.get(seriesKey({ part: point.part, year }));
  return current !== undefined && sameStatedValue(current, point);
}

/**
 * Before one value of a region's year is written (reported, or retracted: `point` undefined): throws
 * PeriodLocked when any plan's period of that year is submitted or approved and the write would change the
 * year; otherwise the metadata the write adds (the reopen that opened the year, if one did).
 */
export async function refuseLockedYear(
  db: Kysely<Database>,
  regionCode: string,
  year: number,
  point?: ReportedPoint,
): Promise<{ causationId?: string }> {
  const plans = await db.selectFrom('catalog_plans').select('plan_id').execute();
  const locks = await loadPeriodLocks(
    db,
    [regionCode],
    plans.map((plan) => plan.plan_id),
  );
  const lock = locks.lockOf(regionCode, year);
  if (lock && !(point && (await sameAsRecorded(db, regionCode, year, point)))) {
    throw new PeriodLocked(lockedMessage(regionCode, year, lock));
  }
  const reopen = locks.reopenOf(regionCode, year);
  return reopen ? { causationId: reopen } : {};
}
