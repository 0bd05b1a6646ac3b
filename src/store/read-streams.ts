import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { eventColumns, toRecordedEvent } from './row.ts';
import type { RecordedEvent } from './types.ts';

/** Several streams' events at once, grouped by stream id, each in version order. */
export async function readStreams(
  db: Kysely<Database>,
  streamIds: readonly string[],
): Promise<Map<string, RecordedEvent[]>> {
  const byStream = new Map<string, RecordedEvent[]>(streamIds.map((id) => [id, []]));
  if (streamIds.length === 0) return byStream;
  const rows = await db
    .selectFrom('events')
    .select(eventColumns)
    .where('stream_id', 'in', streamIds)
    .orderBy('stream_id')
    .orderBy('stream_version')
    .execute();
  for (const row of rows) byStream.get(row.stream_id)?.push(toRecordedEvent(row));
  return byStream;
}
