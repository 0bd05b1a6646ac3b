import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { eventColumns, toRecordedEvent } from './row.ts';
import type { RecordedEvent } from './types.ts';

/** One stream's events in version order (after `afterVersion`, if given). */
export async function readStream(
  db: Kysely<Database>,
  streamId: string,
  afterVersion = 0,
): Promise<RecordedEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(eventColumns)
    .where('stream_id', '=', streamId)
    .where('stream_version', '>', afterVersion)
    .orderBy('stream_version')
    .execute();
  return rows.map(toRecordedEvent);
}
