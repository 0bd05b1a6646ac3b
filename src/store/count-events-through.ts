import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { LogCheckpoint } from './types.ts';

/** How many events the log holds up to and including `through`, in log order. */
export async function countEventsThrough(db: Kysely<Database>, through: LogCheckpoint): Promise<number> {
  const { rows } = await sql<{ count: string | number }>`
    SELECT count(*) AS count FROM events
    WHERE (transaction_id, position) <= (${through.transactionId}::xid8, ${through.position}::bigint)`.execute(
    db,
  );
  return Number(rows[0]?.count ?? 0);
}
