import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../src/database/schema.ts';
import type { Recorded } from './national.ts';

/**
 * Benchmark setup on any engine (PGlite has no COPY from a client stream): events straight into the log, 5,000
 * per statement as one jsonb parameter, stream versions counted here.
 */
export async function insertEvents(db: Kysely<Database>, events: Iterable<Recorded>): Promise<number> {
  const versions = new Map<string, number>();
  let batch: object[] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await sql`
      INSERT INTO events (stream_id, stream_version, event_type, data, metadata)
      SELECT e.stream_id, e.stream_version, e.event_type, e.data, e.metadata
      FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
        AS e(stream_id text, stream_version int, event_type text, data jsonb, metadata jsonb)`.execute(db);
    count += batch.length;
    batch = [];
  };
  for (const { streamId, event } of events) {
    const version = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, version);
    batch.push({
      stream_id: streamId,
      stream_version: version,
      event_type: event.type,
      data: event.data,
      metadata: event.metadata,
    });
    if (batch.length >= 5_000) await flush();
  }
  await flush();
  return count;
}
