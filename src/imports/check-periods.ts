import type { Kysely } from 'kysely';
import { loadPeriodLocks, lockedMessage, type PeriodLocks } from '../approval/period-locks.ts';
import type { Database } from '../database/schema.ts';
import type { ReportValue } from '../domain/commands.ts';
import type { ImportContext } from './import-context.ts';
import type { ProblemList } from './problems.ts';
import type { ReadObservation } from './report.ts';

/**
 * Approval's part of an import: an actual value for a submitted or approved year is an error (period_locked) at
 * its cell, so the file is refused and nothing written; a value for a year a reopen opened records that reopen as
 * its cause, so its history points at it.
 */

/** The context with the locks of the upload's region, read from the log once per import (or attempt). */
export async function withPeriodLocks(db: Kysely<Database>, context: ImportContext): Promise<ImportContext> {
  const periods = await loadPeriodLocks(db, [context.region.code], [...context.catalog.plans.keys()]);
  return { ...context, periods };
}

export function checkPeriodLock(
  o: ReadObservation,
  locks: PeriodLocks | undefined,
  problems: ProblemList,
): void {
  if (o.kind !== 'actual' || !locks) return;
  const lock = locks.lockOf(o.region, o.year);
  if (lock) problems.error('period_locked', o.cell, lockedMessage(o.region, o.year, lock));
}

/** The command with the reopen that opened its year as its cause, if one did. */
export function causedByReopen(command: ReportValue, context: ImportContext): ReportValue {
  const reopen = context.periods?.reopenOf(command.data.regionCode, command.data.year);
  return reopen ? { ...command, metadata: { ...command.metadata, causationId: reopen } } : command;
}
