import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Recorded } from './national.ts';

/** JSON as a COPY text field: JSON escapes tabs and newlines already; backslashes must be doubled. */
const field = (value: unknown) => JSON.stringify(value).replaceAll('\\', '\\\\');

/**
 * Benchmark setup only: writes events straight into the log with COPY (stream versions counted here), a
 * transaction per `perTransaction` events, so that a million events take seconds instead of the minutes the
 * command path would. The log's defaults (position, transaction id, recorded_at) and trigger apply as usual.
 */
export async function copyEvents(url: string, events: Iterable<Recorded>, perTransaction = 50_000) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const versions = new Map<string, number>();
  let count = 0;
  try {
    const iterator = events[Symbol.iterator]();
    let done = false;
    while (!done) {
      await client.query('BEGIN');
      let inBatch = 0;
      const lines = (function* () {
        while (inBatch < perTransaction) {
          const next = iterator.next();
          if (next.done) {
            done = true;
            return;
          }
          const { streamId, event } = next.value;
          const version = (versions.get(streamId) ?? 0) + 1;
          versions.set(streamId, version);
          inBatch++;
          yield `${[streamId, version, event.type, 1, field(event.data), field(event.metadata)].join('\t')}\n`;
        }
      })();
      await pipeline(
        lines,
        client.query(
          copyFrom(
            'COPY events (stream_id, stream_version, event_type, schema_version, data, metadata) FROM STDIN',
          ),
        ),
      );
      await client.query('COMMIT');
      count += inBatch;
    }
  } finally {
    await client.end();
  }
  return count;
}
