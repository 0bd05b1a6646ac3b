import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { coalesced } from './coalesce.ts';

const checkpointOf = (projection: string) =>
  CompiledQuery.raw(
    'SELECT transaction_id::text AS transaction_id, position FROM projection_checkpoints WHERE projection = $1',
    [projection],
  );

const readers = new WeakMap<Kysely<Database>, Map<string, () => Promise<string>>>();

/**
 * The log position a read model reflects (its checkpoint), as text for an ETag: it changes whenever the
 * projection applies an event, so a response built from the read model after this was read is never older
 * than its tag. Read it before the data, never after.
 *
 * Concurrent requests share one checkpoint query (src/http/coalesce.ts), and each gets a value read after it
 * asked: a read after any committed write sees it, whichever instance or process wrote and projected it. Nothing
 * is kept between reads, so several instances behind a load balancer answer alike.
 */
export function projectionPosition(db: Kysely<Database>, projection: string): Promise<string> {
  let byProjection = readers.get(db);
  if (!byProjection) {
    byProjection = new Map();
    readers.set(db, byProjection);
  }
  let reader = byProjection.get(projection);
  if (!reader) {
    const query = checkpointOf(projection);
    reader = coalesced(async () => {
      const { rows } = await db.executeQuery<{ transaction_id: string; position: number }>(query);
      const row = rows[0];
      return row ? `${row.transaction_id}:${row.position}` : 'empty';
    });
    byProjection.set(projection, reader);
  }
  return reader();
}
