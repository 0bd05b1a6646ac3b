import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { PeriodEvent } from '../domain/approval/events.ts';
import { periodStream } from '../domain/approval/events.ts';
import { emptyPeriod, evolvePeriod, isLocked, type PeriodState } from '../domain/approval/state.ts';
import { upcast } from '../domain/upcast.ts';
import { Year } from '../domain/vocabulary.ts';
import { readStreams } from '../store/read-streams.ts';

/**
 * Which report years of a region are locked for writes: a year is locked while any plan's period for it is
 * submitted or approved (a value belongs to the region and year, whichever plan follows it). Read from the
 * periods' own streams in the log, never from a read model that may lag, so a write decided after a submit has
 * committed always sees it.
 */
export interface PeriodLock {
  planId: string;
  state: 'submitted' | 'approved';
}

export interface PeriodLocks {
  /** True when any year of the regions is locked. */
  readonly anyLocked: boolean;
  /** The period that locks the region's year, if one does. */
  lockOf(regionCode: string, year: number): PeriodLock | undefined;
  /** For an open year that a reopen opened: `period-…#version` of that reopen, which a write then points at. */
  reopenOf(regionCode: string, year: number): string | undefined;
}

const FIRST_YEAR = Year.minValue ?? 2000;
const YEARS = Array.from({ length: (Year.maxValue ?? 2030) - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

/** Every period of the regions under the plans, folded from the log: one query. */
export async function loadPeriodLocks(
  db: Kysely<Database>,
  regionCodes: readonly string[],
  planIds: readonly string[],
): Promise<PeriodLocks> {
  const keys = regionCodes.flatMap((regionCode) =>
    planIds.flatMap((planId) => YEARS.map((year) => ({ planId, regionCode, year }))),
  );
  const recorded = await readStreams(
    db,
    keys.map((key) => periodStream(key)),
  );
  const byYear = new Map<string, { planId: string; streamId: string; state: PeriodState }[]>();
  for (const key of keys) {
    const streamId = periodStream(key);
    const events = recorded.get(streamId) ?? [];
    if (events.length === 0) continue;
    const state = events.map((e) => upcast(e) as PeriodEvent).reduce(evolvePeriod, emptyPeriod());
    const at = `${key.regionCode}|${key.year}`;
    byYear.set(at, [...(byYear.get(at) ?? []), { planId: key.planId, streamId, state }]);
  }
  return {
    anyLocked: [...byYear.values()].some((periods) => periods.some((period) => isLocked(period.state))),
    lockOf(regionCode, year) {
      const locking = byYear.get(`${regionCode}|${year}`)?.find((period) => isLocked(period.state));
      if (!locking) return undefined;
      return { planId: locking.planId, state: locking.state.state as PeriodLock['state'] };
    },
    reopenOf(regionCode, year) {
      const reopened = byYear
        .get(`${regionCode}|${year}`)
        ?.find((period) => period.state.reopenedAt !== null);
      return reopened ? `${reopened.streamId}#${reopened.state.reopenedAt}` : undefined;
    },
  };
}

export const LOCK_LABEL = { submitted: '已报送', approved: '已审核' } as const;

/** The problem's message: which period locks the year, and how to open it. */
export function lockedMessage(regionCode: string, year: number, lock: PeriodLock) {
  return {
    zh: `${regionCode} ${year} 年（规划 ${lock.planId}）${LOCK_LABEL[lock.state]}，数据已锁定；须由审核人退回重开后才能修改`,
    en: `${regionCode} ${year} is ${lock.state} (plan ${lock.planId}) and locked: an approver must reopen it before its values change`,
  };
}
