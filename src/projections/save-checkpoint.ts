import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { LogCheckpoint } from '../store/types.ts';

export async function saveCheckpoint(
  trx: Kysely<Database>,
  projection: string,
  checkpoint: LogCheckpoint,
): Promise<void> {
  await sql`
    INSERT INTO projection_checkpoints (projection, transaction_id, position, updated_at)
    VALUES (${projection}, ${checkpoint.transactionId}::xid8, ${checkpoint.position}, now())
    ON CONFLICT (projection) DO UPDATE
      SET transaction_id = excluded.transaction_id, position = excluded.position, updated_at = excluded.updated_at`.execute(
    trx,
  );
}
