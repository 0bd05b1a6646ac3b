import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { upcast } from '../domain/upcast.ts';
import { readAfter } from '../store/read-after.ts';
import { readEndOfLog } from '../store/read-end-of-log.ts';
import type { LogCheckpoint } from '../store/types.ts';
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

/** Log order: (transaction id, position). */
export function logOrder(a: LogCheckpoint, b: LogCheckpoint): number {
  const ta = BigInt(a.transactionId);
  const tb = BigInt(b.transactionId);
  return ta < tb ? -1 : ta > tb ? 1 : a.position - b.position;
}

/**
 * One batch for several projections in one transaction: lock every checkpoint (in list order, as the rebuild's
 * swap does), read the log once from the earliest, and apply to each projection only what follows its own
 * checkpoint, moving each checkpoint in the same transaction. Returns the events read and where every projection
 * now stands (the earliest of them).
 */
async function catchUpBatch(
  db: Kysely<Database>,
  projections: readonly Projection[],
  batchSize: number,
): Promise<{ read: number; applied: number; reached: LogCheckpoint }> {
  return db.transaction().execute(async (trx) => {
    const checkpoints: LogCheckpoint[] = [];
    for (const projection of projections) checkpoints.push(await lockCheckpoint(trx, projection.name));
    const earliest = checkpoints.reduce((a, b) => (logOrder(a, b) <= 0 ? a : b));
    const recorded = await readAfter(trx, earliest, batchSize);
    const last = recorded.at(-1);
    if (!last) return { read: 0, applied: 0, reached: earliest };
    const events = recorded.map((event) => ({ ...event, ...upcast(event) }) as ProjectedEvent);
    const reached = { transactionId: last.transactionId, position: last.position };
    let applied = 0;
    for (const [i, projection] of projections.entries()) {
      const from = checkpoints[i] ?? earliest;
      const after = from === earliest ? events : events.filter((event) => logOrder(event, from) > 0);
      if (after.length === 0) continue;
      await projection.apply(trx, after);
      await saveCheckpoint(trx, projection.name, reached);
      applied += after.length;
    }
    return { read: recorded.length, applied, reached };
  });
}

/**
 * Catches every projection up to the end of the log as it stands now, so a write that has answered is visible
 * to the next read. The projections share each batch's read and transaction (one import's events are read once,
 * not once per projection). A reader can only take events of transactions older than the oldest still running
 * anywhere on the server (src/store/read-after.ts): while such a transaction is open, this waits for it, up to
 * `waitMs`, then returns what it applied (the projections finish on the next catch-up).
 */
export async function catchUpAll(
  db: Kysely<Database>,
  projections: readonly Projection[],
  options: { waitMs?: number; batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 5_000;
  const end = await readEndOfLog(db);
  const deadline = Date.now() + (options.waitMs ?? 10_000);
  let applied = 0;
  if (projections.length === 0) return 0;
  for (;;) {
    const batch = await catchUpBatch(db, projections, batchSize);
    applied += batch.applied;
    if (batch.read === batchSize) continue;
    if (!end || logOrder(batch.reached, end) >= 0 || Date.now() > deadline) return applied;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
