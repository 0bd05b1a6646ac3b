import { CompiledQuery, type Kysely } from 'kysely';
import { preparedStatement } from '../database/prepared-statement.ts';
import type { Database } from '../database/schema.ts';
import { type ExpectedVersion, type NewEvent, StreamVersionConflict } from './types.ts';

export interface StreamAppend {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: readonly NewEvent[];
}

export interface AppendResult {
  /** Each stream's version after the append. */
  streamVersions: Map<string, number>;
  /** Global positions of the appended events, in the order given. */
  positions: number[];
}

const UNIQUE_VIOLATION = '23505';

/**
 * Appends to one or more streams in one statement (several in one transaction for a large append): all or
 * nothing. Every stream's expected version is checked against the log; a stale one throws StreamVersionConflict
 * and writes nothing. Two writers racing on the same stream both pass the check, and the unique
 * (stream_id, stream_version) index makes the later one fail with the same conflict. Call it inside a transaction
 * to make it atomic with other writes.
 */
export async function appendToStreams(
  db: Kysely<Database>,
  appends: readonly StreamAppend[],
): Promise<AppendResult> {
  const seen = new Set<string>();
  for (const { streamId } of appends) {
    if (seen.has(streamId)) throw new Error(`stream ${streamId} appears twice in one append`);
    seen.add(streamId);
  }
  const streams = appends.filter((append) => append.events.length > 0);
  const first = streams[0];
  if (!first) return { streamVersions: new Map(), positions: [] };
  if (streams.length === 1 && first.events.length <= EVENTS_PER_STATEMENT) {
    const { version, positions } = await appendOneStream(db, first);
    return { streamVersions: new Map([[first.streamId, version]]), positions };
  }

  // A national sheet appends 420,000 events: one jsonb parameter would pass PostgreSQL's 256 MB limit on a jsonb
  // array. Large appends go in statements of about EVENTS_PER_STATEMENT events, in one transaction (the caller's,
  // or one of their own), so they stay all or nothing.
  const statements = splitByEvents(streams);
  const appendAll = async (trx: Kysely<Database>) => {
    const result: AppendResult = { streamVersions: new Map(), positions: [] };
    for (const part of statements) await appendSeveralStreams(trx, part, result);
    return result;
  };
  return statements.length === 1 || db.isTransaction
    ? await appendAll(db)
    : await db.transaction().execute(appendAll);
}

const EVENTS_PER_STATEMENT = 5_000;

/** Whole streams per statement, about EVENTS_PER_STATEMENT events each (a larger stream goes alone). */
function splitByEvents(streams: readonly StreamAppend[]): StreamAppend[][] {
  const statements: StreamAppend[][] = [[]];
  let events = 0;
  for (const stream of streams) {
    const current = statements.at(-1) as StreamAppend[];
    if (current.length > 0 && events + stream.events.length > EVENTS_PER_STATEMENT) {
      statements.push([stream]);
      events = stream.events.length;
    } else {
      current.push(stream);
      events += stream.events.length;
    }
  }
  return statements;
}

/**
 * One stream, the common case (a command, a batch): the stream's version is one index probe, and the events are
 * inserted only when it is the expected one, so no row comes back on a stale version. Typed arrays and two jsonb
 * arrays (data, metadata) are parsed once by the server; the statement is prepared once per connection.
 */
const APPEND_TO_STREAM = preparedStatement(
  'append_to_stream',
  `WITH stream AS (SELECT coalesce(max(stream_version), 0) AS version FROM events WHERE stream_id = $1)
  INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata)
  SELECT $1, stream.version + e.n, e.type, e.schema_version, e.data, e.metadata
  FROM stream, ROWS FROM (unnest($3::text[]), unnest($4::int[]), jsonb_array_elements($5::jsonb),
                          jsonb_array_elements($6::jsonb)) WITH ORDINALITY AS e(type, schema_version, data, metadata, n)
  WHERE $2::int IS NULL OR stream.version = $2
  ORDER BY e.n
  RETURNING stream_version, position`,
);

const STREAM_VERSION = preparedStatement(
  'stream_version',
  'SELECT coalesce(max(stream_version), 0) AS version FROM events WHERE stream_id = $1',
);

async function appendOneStream(
  db: Kysely<Database>,
  { streamId, expectedVersion, events }: StreamAppend,
): Promise<{ version: number; positions: number[] }> {
  const expected = expectedVersion === 'any' ? null : expectedVersion;
  const types: string[] = [];
  const schemaVersions: number[] = [];
  const data: object[] = [];
  const metadata: object[] = [];
  for (const event of events) {
    types.push(event.type);
    schemaVersions.push(event.schemaVersion ?? 1);
    data.push(event.data);
    metadata.push(event.metadata);
  }
  const { rows } = await run<{ stream_version: number; position: number }>(
    db,
    APPEND_TO_STREAM,
    [streamId, expected, types, schemaVersions, JSON.stringify(data), JSON.stringify(metadata)],
    () => new StreamVersionConflict(streamId, expectedVersion, undefined),
  );
  const last = rows.at(-1);
  if (!last) {
    const current = await db.executeQuery<{ version: number }>(CompiledQuery.raw(STREAM_VERSION, [streamId]));
    throw new StreamVersionConflict(streamId, expectedVersion, Number(current.rows[0]?.version ?? 0));
  }
  return { version: last.stream_version, positions: rows.map((row) => Number(row.position)) };
}

/**
 * Several streams: every stream's version in one pass, and the events inserted only when none is stale. Rows with
 * a stream id report each stream's version before the append (and whether it was stale); rows with a position are
 * the appended events, in the order given.
 */
const APPEND_TO_STREAMS = preparedStatement(
  'append_to_streams',
  `WITH streams AS (
    SELECT s.stream_id, s.expected_version, s.ordinal,
           coalesce((SELECT max(e.stream_version) FROM events e WHERE e.stream_id = s.stream_id), 0) AS version
    FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS s(stream_id, expected_version, ordinal)
  ), appended AS (
    INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata)
    SELECT s.stream_id, s.version + e.n, e.type, e.schema_version, e.data, e.metadata
    FROM ROWS FROM (unnest($3::int[]), unnest($4::int[]), unnest($5::text[]), unnest($6::int[]),
                    jsonb_array_elements($7::jsonb), jsonb_array_elements($8::jsonb))
         WITH ORDINALITY AS e(stream, n, type, schema_version, data, metadata, ordinal)
    JOIN streams s ON s.ordinal = e.stream
    WHERE NOT EXISTS (SELECT 1 FROM streams c WHERE c.expected_version <> c.version)
    ORDER BY e.ordinal
    RETURNING position
  )
  SELECT s.stream_id, s.version, s.expected_version <> s.version AS stale, NULL::bigint AS position FROM streams s
  UNION ALL
  SELECT NULL, NULL, NULL, a.position FROM appended a`,
);

async function appendSeveralStreams(
  db: Kysely<Database>,
  streams: readonly StreamAppend[],
  result: AppendResult,
): Promise<void> {
  const streamIds: string[] = [];
  const expectedVersions: (number | null)[] = [];
  const eventStreams: number[] = [];
  const eventVersions: number[] = [];
  const types: string[] = [];
  const schemaVersions: number[] = [];
  const data: object[] = [];
  const metadata: object[] = [];
  const counts = new Map<string, number>();
  streams.forEach(({ streamId, expectedVersion, events }, index) => {
    streamIds.push(streamId);
    counts.set(streamId, events.length);
    expectedVersions.push(expectedVersion === 'any' ? null : expectedVersion);
    events.forEach((event, n) => {
      eventStreams.push(index + 1);
      eventVersions.push(n + 1);
      types.push(event.type);
      schemaVersions.push(event.schemaVersion ?? 1);
      data.push(event.data);
      metadata.push(event.metadata);
    });
  });
  const { rows } = await run<{ stream_id: string | null; version: number; stale: boolean; position: number }>(
    db,
    APPEND_TO_STREAMS,
    [
      streamIds,
      expectedVersions,
      eventStreams,
      eventVersions,
      types,
      schemaVersions,
      JSON.stringify(data),
      JSON.stringify(metadata),
    ],
    // Which stream lost the race is not known: the one that conflicts is reported by its expected version.
    () =>
      new StreamVersionConflict(
        streamIds.join(','),
        streams.length === 1 ? (streams[0]?.expectedVersion ?? 'any') : 'any',
        undefined,
      ),
  );
  const stale = rows.find((row) => row.stale);
  if (stale?.stream_id) {
    const expected = streams.find((s) => s.streamId === stale.stream_id)?.expectedVersion ?? 'any';
    throw new StreamVersionConflict(stale.stream_id, expected, Number(stale.version));
  }
  for (const row of rows) {
    if (row.stream_id === null) result.positions.push(Number(row.position));
    else {
      result.streamVersions.set(row.stream_id, Number(row.version) + (counts.get(row.stream_id) ?? 0));
    }
  }
}

/** Runs a statement as compiled here (no query builder on the hot path); a unique violation is a lost race. */
async function run<Row>(
  db: Kysely<Database>,
  statement: string,
  parameters: unknown[],
  lostRace: () => StreamVersionConflict,
): Promise<{ rows: Row[] }> {
  try {
    return await db.executeQuery<Row>(CompiledQuery.raw(statement, parameters));
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw lostRace();
    throw error;
  }
}

/** Appends to one stream. */
export async function appendToStream(
  db: Kysely<Database>,
  streamId: string,
  expectedVersion: ExpectedVersion,
  events: readonly NewEvent[],
): Promise<{ nextVersion: number; positions: number[] }> {
  const result = await appendToStreams(db, [{ streamId, expectedVersion, events }]);
  const nextVersion =
    result.streamVersions.get(streamId) ?? (expectedVersion === 'any' ? Number.NaN : expectedVersion);
  return { nextVersion, positions: result.positions };
}
