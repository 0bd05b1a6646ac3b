import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { LogCheckpoint } from './types.ts';

/**
 * The last event a replay may read now: the last in log order of the transactions older than the oldest one
 * still running (the rule of read-after.ts), so no event can ever appear at or behind it. Undefined when there
 * is none. ORDER BY names the table's columns so that the index is used (see read-end-of-log.ts).
 */
export async function readReplayHorizon(db: Kysely<Database>): Promise<LogCheckpoint | undefined> {
  const { rows } = await sql<{ transaction_id: string; position: number }>`
    SELECT transaction_id::text, position FROM events
    WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY events.transaction_id DESC, events.position DESC LIMIT 1`.execute(db);
  const row = rows[0];
  return row ? { transactionId: row.transaction_id, position: Number(row.position) } : undefined;
}
