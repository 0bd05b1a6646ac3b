import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { catchUpAll } from '../projections/catch-up.ts';
import { lockCheckpoint } from '../projections/checkpoint.ts';
import { projections } from '../projections/index.ts';
import { progressProjection } from '../projections/progress/apply.ts';
import { recomputeProgress } from '../projections/progress/recompute.ts';
import { allTargetPairs } from '../projections/progress/tables.ts';

export interface RecalculationResult {
  /** Events the projections caught up on first. */
  eventsApplied: number;
  /** (region, indicator) pairs and progress rows recomputed. */
  pairs: number;
  rows: number;
}

/**
 * The trend recalculation: catch every projection up, then recompute every progress row from the stored
 * inputs (so a change in the method reaches rows no new event touches). The recomputation holds the progress
 * checkpoint's lock, so no catch-up interleaves with it. A plain function: node-cron calls it here, a Workers
 * Cron Trigger can call it there.
 */
export async function recalculate(deps: { db: Kysely<Database> }): Promise<RecalculationResult> {
  const eventsApplied = await catchUpAll(deps.db, projections);
  return deps.db.transaction().execute(async (trx) => {
    await lockCheckpoint(trx, progressProjection.name);
    const pairs = await allTargetPairs(trx);
    const rows = await recomputeProgress(trx, pairs);
    return { eventsApplied, pairs: pairs.length, rows };
  });
}
