import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { upcast } from '../domain/upcast.ts';
import { readAfter } from '../store/read-after.ts';
import { readEndOfLog } from '../store/read-end-of-log.ts';
import { lockCheckpoint } from './checkpoint.ts';
import { checkpointReached } from './checkpoint-reached.ts';
import type { ProjectedEvent, Projection } from './projection.ts';
import { saveCheckpoint } from './save-checkpoint.ts';

/**
 * Brings a projection up to the end of the log, a batch per transaction: lock the checkpoint, read what follows
 * it, apply, move the checkpoint. Returns how many events it applied.
 */
export async function catchUp(
  db: Kysely<Database>,
  projection: Projection,
  options: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 5_000;
  let applied = 0;
  for (;;) {
    const count = await db.transaction().execute(async (trx) => {
      const checkpoint = await lockCheckpoint(trx, projection.name);
      const recorded = await readAfter(trx, checkpoint, batchSize);
      const last = recorded.at(-1);
      if (!last) return 0;
      const events = recorded.map((event) => ({ ...event, ...upcast(event) }) as ProjectedEvent);
      await projection.apply(trx, events);
      await saveCheckpoint(trx, projection.name, {
        transactionId: last.transactionId,
        position: last.position,
      });
      return recorded.length;
    });
    applied += count;
    if (count < batchSize) return applied;
  }
}

/**
 * Catches every projection up to the end of the log as it stands now, so a write that has answered is visible
 * to the next read. A reader can only take events of transactions older than the oldest still running anywhere
 * on the server (src/store/read-after.ts): while such a transaction is open, this waits for it, up to `waitMs`,
 * then returns what it applied (the projections finish on the next catch-up).
 */
export async function catchUpAll(
  db: Kysely<Database>,
  projections: readonly Projection[],
  options: { waitMs?: number } = {},
): Promise<number> {
  const end = await readEndOfLog(db);
  const deadline = Date.now() + (options.waitMs ?? 10_000);
  let applied = 0;
  for (const projection of projections) {
    for (;;) {
      applied += await catchUp(db, projection);
      if (!end || Date.now() > deadline || (await checkpointReached(db, projection.name, end))) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  return applied;
}
