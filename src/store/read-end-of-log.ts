import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { LogCheckpoint } from './types.ts';

/** The last event this session can see committed, in log order; undefined for an empty log. */
export async function readEndOfLog(db: Kysely<Database>): Promise<LogCheckpoint | undefined> {
  const { rows } = await sql<{ transaction_id: string; position: number }>`
    SELECT transaction_id::text, position FROM events
    ORDER BY transaction_id DESC, position DESC LIMIT 1`.execute(db);
  const row = rows[0];
  return row ? { transactionId: row.transaction_id, position: Number(row.position) } : undefined;
}
