import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.ts';
import { eventColumns, toRecordedEvent } from './row.ts';
import type { LogCheckpoint, RecordedEvent } from './types.ts';

/**
 * The events recorded up to `asOf` (inclusive), after a checkpoint, in log order: what the log held then.
 * recorded_at is the recording transaction's start time.
 */
export async function readUntil(
  db: Kysely<Database>,
  asOf: Date,
  checkpoint: LogCheckpoint,
  limit: number,
): Promise<RecordedEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(eventColumns)
    .where('recorded_at', '<=', asOf as never)
    .where(
      sql<boolean>`(transaction_id, position) > (${checkpoint.transactionId}::xid8, ${checkpoint.position}::bigint)`,
    )
    .orderBy('transaction_id')
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map(toRecordedEvent);
}
