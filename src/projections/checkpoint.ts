import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { LogCheckpoint } from '../store/types.ts';

/**
 * Locks a projection's checkpoint row for the rest of the transaction and returns it, creating it at the start
 * of the log the first time. The lock makes concurrent catch-ups (several instances) take turns.
 */
export async function lockCheckpoint(trx: Kysely<Database>, projection: string): Promise<LogCheckpoint> {
  const locked = await selectForUpdate(trx, projection);
  if (locked) return locked;
  // The first time: create it, then lock it by a second SELECT, which takes a fresh snapshot and so sees a row
  // another instance created meanwhile. Afterwards one statement.
  await sql`
    INSERT INTO projection_checkpoints (projection, transaction_id, position)
    VALUES (${projection}, '0'::xid8, 0)
    ON CONFLICT (projection) DO NOTHING`.execute(trx);
  const created = await selectForUpdate(trx, projection);
  if (!created) throw new Error(`checkpoint of ${projection} vanished`);
  return created;
}

async function selectForUpdate(
  trx: Kysely<Database>,
  projection: string,
): Promise<LogCheckpoint | undefined> {
  const { rows } = await sql<{ transaction_id: string; position: number }>`
    SELECT transaction_id::text, position FROM projection_checkpoints
    WHERE projection = ${projection} FOR UPDATE`.execute(trx);
  const row = rows[0];
  return row ? { transactionId: row.transaction_id, position: Number(row.position) } : undefined;
}
