import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { loadPeriodLocks, lockedMessage } from './period-locks.ts';

/** Thrown by a single-value write into a locked year; the HTTP layer answers 409 period_locked. */
export class PeriodLocked extends Error {
  override readonly name = 'PeriodLocked';
  constructor(readonly messages: { zh: string; en: string }) {
    super(messages.en);
  }
}

/**
 * Before one value of a region's year is written: throws PeriodLocked when any plan's period of that year is
 * submitted or approved; otherwise the metadata the write adds (the reopen that opened the year, if one did).
 */
export async function refuseLockedYear(
  db: Kysely<Database>,
  regionCode: string,
  year: number,
): Promise<{ causationId?: string }> {
  const plans = await db.selectFrom('catalog_plans').select('plan_id').execute();
  const locks = await loadPeriodLocks(
    db,
    [regionCode],
    plans.map((plan) => plan.plan_id),
  );
  const lock = locks.lockOf(regionCode, year);
  if (lock) throw new PeriodLocked(lockedMessage(regionCode, year, lock));
  const reopen = locks.reopenOf(regionCode, year);
  return reopen ? { causationId: reopen } : {};
}
