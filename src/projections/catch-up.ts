import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { upcast } from '../domain/upcast.ts';
import { readAfter } from '../store/read-after.ts';
import { lockCheckpoint } from './checkpoint.ts';
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

/** Catches every projection up, one after another. */
export async function catchUpAll(db: Kysely<Database>, projections: readonly Projection[]): Promise<number> {
  let applied = 0;
  for (const projection of projections) applied += await catchUp(db, projection);
  return applied;
}
