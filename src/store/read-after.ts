import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.ts';
import { eventColumns, toRecordedEvent } from './row.ts';
import type { LogCheckpoint, RecordedEvent } from './types.ts';

/**
 * The events after a checkpoint, in log order, that no reader can ever see appear behind it.
 *
 * Positions come from a sequence taken when a row is inserted, so a transaction that took position 10 can commit
 * after one that took 11: a reader that had moved past 11 would skip 10 for ever. Every event therefore carries
 * its transaction's id (xid8), the log is ordered by (transaction id, position), and a reader only takes events
 * of transactions older than the oldest one still running (pg_snapshot_xmin of the current snapshot). Anything
 * older has committed or aborted, so nothing can appear behind the checkpoint. The price: a long-running write
 * transaction holds readers back until it ends. This is the approach of Marten and of Emmett's PostgreSQL store.
 */
export async function readAfter(
  db: Kysely<Database>,
  checkpoint: LogCheckpoint,
  limit: number,
): Promise<RecordedEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(eventColumns)
    .where(
      sql<boolean>`(transaction_id, position) > (${checkpoint.transactionId}::xid8, ${checkpoint.position}::bigint)`,
    )
    .where(sql<boolean>`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`)
    .orderBy('transaction_id')
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map(toRecordedEvent);
}
