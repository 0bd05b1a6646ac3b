import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { LogCheckpoint } from '../store/types.ts';

/** True when the projection has applied the log up to and including `target`. */
export async function checkpointReached(
  db: Kysely<Database>,
  projection: string,
  target: LogCheckpoint,
): Promise<boolean> {
  const { rows } = await sql<{ reached: boolean }>`
    SELECT (transaction_id, position) >= (${target.transactionId}::xid8, ${target.position}::bigint) AS reached
    FROM projection_checkpoints WHERE projection = ${projection}`.execute(db);
  return rows[0]?.reached === true;
}
