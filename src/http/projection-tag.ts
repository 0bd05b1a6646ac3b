import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';

/**
 * The log position a read model reflects (its checkpoint), as text for an ETag: it changes whenever the
 * projection applies an event, so a response built from the read model after this was read is never older
 * than its tag. Read it before the data, never after.
 */
export async function projectionPosition(db: Kysely<Database>, projection: string): Promise<string> {
  const row = await db
    .selectFrom('projection_checkpoints')
    .select(['transaction_id', 'position'])
    .where('projection', '=', projection)
    .executeTakeFirst();
  return row ? `${row.transaction_id}:${row.position}` : 'empty';
}
