import type { Kysely } from 'kysely';
import { loadPeriodLocks, lockedMessage, type PeriodLock } from '../approval/period-locks.ts';
import type { Database } from '../database/schema.ts';
import type { ReportValue } from '../domain/commands.ts';
import { streams } from '../domain/events.ts';
import { emptySeries, evolveSeries, seriesKey } from '../domain/series/state.ts';
import { sameStatedValue } from '../domain/stated-value.ts';
import { upcast } from '../domain/upcast.ts';
import { readStreams } from '../store/read-streams.ts';
import type { ImportContext } from './import-context.ts';
import { observationPlace, type ProblemList } from './problems.ts';
import type { ReadObservation } from './report.ts';

/**
 * Approval's part of an import: an actual value that would change a submitted or approved year (new, or
 * different from the one recorded) is an error (period_locked) at its cell, so the file is refused and nothing
 * written; the same value again changes nothing and passes, so a bureau can upload its whole sheet with next
 * year's column filled. A value for a year a reopen opened records that reopen as its cause, so its history
 * points at it.
 */
export interface ImportLocks {
  /** The period that locks the observation's year, when the observation would change its value. */
  lockOf(o: ReadObservation): PeriodLock | undefined;
  reopenOf(regionCode: string, year: number): string | undefined;
}

/**
 * The context with the locks of the upload's region, read from the log once per import (or attempt); the
 * region's recorded values only when some year of it is locked.
 */
export async function withPeriodLocks(db: Kysely<Database>, context: ImportContext): Promise<ImportContext> {
  const region = context.region.code;
  const periods = await loadPeriodLocks(db, [region], [...context.catalog.plans.keys()]);
  if (!periods.anyLocked)
    return { ...context, periods: { lockOf: () => undefined, reopenOf: periods.reopenOf } };
  const recorded = await readStreams(
    db,
    [...context.catalog.indicators.keys()].map((code) => streams.series(region, code)),
  );
  const series = new Map(
    [...recorded].map(([streamId, events]) => [
      streamId,
      events.map(upcast).reduce(evolveSeries, emptySeries()),
    ]),
  );
  return {
    ...context,
    periods: {
      reopenOf: periods.reopenOf,
      lockOf(o) {
        const lock = periods.lockOf(o.region, o.year);
        if (!lock) return undefined;
        const current = series.get(streams.series(o.region, o.indicator.code))?.values.get(seriesKey(o));
        const unchanged =
          current &&
          sameStatedValue(current, { comparator: o.comparator, value: o.value, unit: o.indicator.unit });
        return unchanged ? undefined : lock;
      },
    },
  };
}

export function checkPeriodLock(
  o: ReadObservation,
  locks: ImportLocks | undefined,
  problems: ProblemList,
): void {
  if (o.kind !== 'actual' || !locks) return;
  const lock = locks.lockOf(o);
  if (lock) problems.error('period_locked', observationPlace(o), lockedMessage(o.region, o.year, lock));
}

/** The command with the reopen that opened its year as its cause, if one did. */
export function causedByReopen(command: ReportValue, context: ImportContext): ReportValue {
  const reopen = context.periods?.reopenOf(command.data.regionCode, command.data.year);
  return reopen ? { ...command, metadata: { ...command.metadata, causationId: reopen } } : command;
}
