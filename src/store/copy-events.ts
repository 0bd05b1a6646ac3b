import { CompiledQuery, type Kysely } from 'kysely';
import { copyField, copyFromStdin } from '../database/copy-from.ts';
import type { Database } from '../database/schema.ts';
import type { AppendResult, StreamAppend } from './append-statements.ts';

const COPY_EVENTS = copyFromStdin('events', [
  'stream_id',
  'stream_version',
  'event_type',
  'schema_version',
  'data',
  'metadata',
]);

// Our own events are the last ones our transaction appended: nothing else writes in it meanwhile.
const POSITIONS = `SELECT position FROM events WHERE transaction_id = pg_current_xact_id()
  ORDER BY transaction_id DESC, position DESC LIMIT $1`;

/** JSON in COPY's text format: JSON.stringify escapes every control character, so only backslashes remain. */
const jsonField = (value: object) => JSON.stringify(value).replaceAll('\\', '\\\\');

/**
 * Appends with COPY, the bulk path: each stream's events take the versions after its expected one, so a writer
 * that appended to one of the streams since it was read makes the unique (stream_id, stream_version) index refuse
 * the whole COPY, the same race the INSERT path loses. Every expected version must be a number. Run it inside a
 * transaction (the positions are read back from it).
 */
export async function copyEvents(
  db: Kysely<Database>,
  streams: readonly StreamAppend[],
): Promise<AppendResult> {
  const lines: string[] = [];
  const streamVersions = new Map<string, number>();
  for (const { streamId, expectedVersion, events } of streams) {
    if (expectedVersion === 'any') throw new Error('copyEvents needs each stream’s expected version');
    const stream = copyField(streamId);
    events.forEach((event, n) => {
      lines.push(
        `${stream}\t${expectedVersion + n + 1}\t${copyField(event.type)}\t${event.schemaVersion ?? 1}\t${jsonField(event.data)}\t${jsonField(event.metadata)}\n`,
      );
    });
    streamVersions.set(streamId, expectedVersion + events.length);
  }
  await db.executeQuery(CompiledQuery.raw(COPY_EVENTS, [lines.join('')]));
  const { rows } = await db.executeQuery<{ position: number }>(CompiledQuery.raw(POSITIONS, [lines.length]));
  return { streamVersions, positions: rows.map((row) => Number(row.position)).reverse() };
}
