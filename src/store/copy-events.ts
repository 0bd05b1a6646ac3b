import { CompiledQuery, type Kysely } from 'kysely';
import { copyField, copyFromStdin } from '../database/copy-from.ts';
import type { Database } from '../database/schema.ts';
import type { AppendResult, StreamAppend } from './append-statements.ts';
import { StreamVersionConflict } from './types.ts';

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

// A stream whose expected version is not in the log (it is behind what the caller expects). A stream ahead of it
// is refused by the unique index instead, when the COPY writes the version after the expected one.
const MISSING_VERSION = `SELECT s.stream_id FROM unnest($1::text[], $2::int[]) AS s(stream_id, version)
  WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_id = s.stream_id AND e.stream_version = s.version)
  LIMIT 1`;

/**
 * JSON in COPY's text format: JSON.stringify escapes every control character, so only backslashes remain (most
 * events have none: the check costs less than the copy replaceAll would make of every one).
 */
const jsonField = (value: object) => {
  const json = JSON.stringify(value);
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
};

/**
 * Appends with COPY, the bulk path: each stream's events take the versions after its expected one, so a writer
 * that appended to one of the streams since it was read makes the unique (stream_id, stream_version) index refuse
 * the whole COPY, the same race the INSERT path loses; a stream behind its expected version is refused before.
 * Every expected version must be a number. Run it inside a transaction (the positions are read back from it,
 * unless the caller says it needs none). With `until: 'sent'` it returns once the rows are on their way, with
 * `written` to await before the transaction ends: the caller goes on with its next chunk while the server writes.
 */
export async function copyEvents(
  db: Kysely<Database>,
  streams: readonly StreamAppend[],
  options: { positions?: boolean; until?: 'written' | 'sent' } = {},
): Promise<AppendResult> {
  // The rows' fields, joined once at the end: one string for the chunk rather than one per row and field.
  const fields: (string | number)[] = [];
  let count = 0;
  const streamVersions = new Map<string, number>();
  for (const { streamId, expectedVersion, events } of streams) {
    if (expectedVersion === 'any') throw new Error('copyEvents needs each stream’s expected version');
    const stream = copyField(streamId);
    events.forEach((event, n) => {
      fields.push(
        stream,
        '\t',
        expectedVersion + n + 1,
        '\t',
        copyField(event.type),
        '\t',
        event.schemaVersion ?? 1,
        '\t',
        jsonField(event.data),
        '\t',
        jsonField(event.metadata),
        '\n',
      );
    });
    count += events.length;
    streamVersions.set(streamId, expectedVersion + events.length);
  }
  await refuseMissingVersions(db, streams);
  const text = fields.join('');
  // The fields are garbage once joined (the closures below share this scope, and would keep them while it runs).
  fields.length = 0;
  const copying = db.executeQuery(CompiledQuery.raw(COPY_EVENTS, [text]));
  if (options.until === 'sent') {
    // The transaction's connection runs its statements one after another: the caller's next one waits for this.
    const written = copying.then(() => undefined);
    written.catch(() => {}); // observed here; the caller's await still gets the failure
    return { streamVersions, positions: [], written };
  }
  await copying;
  if (options.positions === false) return { streamVersions, positions: [] };
  const { rows } = await db.executeQuery<{ position: number }>(CompiledQuery.raw(POSITIONS, [count]));
  return { streamVersions, positions: rows.map((row) => Number(row.position)).reverse() };
}

async function refuseMissingVersions(db: Kysely<Database>, streams: readonly StreamAppend[]): Promise<void> {
  const known = streams.filter((s) => s.expectedVersion !== 'any' && s.expectedVersion > 0);
  if (known.length === 0) return;
  const { rows } = await db.executeQuery<{ stream_id: string }>(
    CompiledQuery.raw(MISSING_VERSION, [known.map((s) => s.streamId), known.map((s) => s.expectedVersion)]),
  );
  const stale = known.find((s) => s.streamId === rows[0]?.stream_id);
  if (stale) throw new StreamVersionConflict(stale.streamId, stale.expectedVersion, undefined);
}
