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
  /** Set when the append returned once sent (`until: 'sent'`): resolves once written, rejects as it would have. */
  written?: Promise<void>;
}

/** What one append of a group statement came to: appended, or refused for a stale stream. */
export type GroupOutcome = AppendResult | StreamVersionConflict;

const UNIQUE_VIOLATION = '23505';

/** A unique (stream_id, stream_version) violation: another writer appended to one of the streams first. */
export function lostRace(error: unknown): boolean {
  return (error as { code?: string }).code === UNIQUE_VIOLATION;
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

/** Appends to one stream; a stale expected version throws StreamVersionConflict and writes nothing. */
export async function appendOneStream(db: Kysely<Database>, append: StreamAppend): Promise<AppendResult> {
  const { streamId, expectedVersion, events } = append;
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
  const expected = expectedVersion === 'any' ? null : expectedVersion;
  const parameters = [
    streamId,
    expected,
    types,
    schemaVersions,
    JSON.stringify(data),
    JSON.stringify(metadata),
  ];
  const { rows } = await db
    .executeQuery<{ stream_version: number; position: number }>(
      CompiledQuery.raw(APPEND_TO_STREAM, parameters),
    )
    .catch((error: unknown) => {
      throw lostRace(error) ? new StreamVersionConflict(streamId, expectedVersion, undefined) : error;
    });
  const last = rows.at(-1);
  if (!last) {
    const current = await db.executeQuery<{ version: number }>(CompiledQuery.raw(STREAM_VERSION, [streamId]));
    throw new StreamVersionConflict(streamId, expectedVersion, Number(current.rows[0]?.version ?? 0));
  }
  return {
    streamVersions: new Map([[streamId, last.stream_version]]),
    positions: rows.map((row) => Number(row.position)),
  };
}

/**
 * Several appends (groups of streams) in one statement, each all or nothing on its own: every stream's version in
 * one pass, and a group's events inserted only when none of its streams is stale. Rows with a stream id report
 * each stream's version before the append and whether it was stale; rows with a position are the appended events,
 * in the order given.
 */
const APPEND_TO_STREAMS = preparedStatement(
  'append_to_streams',
  `WITH streams AS (
    SELECT s.stream_id, s.expected_version, s.grp, s.ordinal,
           coalesce((SELECT max(e.stream_version) FROM events e WHERE e.stream_id = s.stream_id), 0) AS version
    FROM unnest($1::text[], $2::int[], $3::int[]) WITH ORDINALITY AS s(stream_id, expected_version, grp, ordinal)
  ), refused AS (
    SELECT DISTINCT s.grp FROM streams s WHERE s.expected_version <> s.version
  ), appended AS (
    INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata)
    SELECT s.stream_id, s.version + e.n, e.type, e.schema_version, e.data, e.metadata
    FROM ROWS FROM (unnest($4::int[]), unnest($5::int[]), unnest($6::text[]), unnest($7::int[]),
                    jsonb_array_elements($8::jsonb), jsonb_array_elements($9::jsonb))
         WITH ORDINALITY AS e(stream, n, type, schema_version, data, metadata, ordinal)
    JOIN streams s ON s.ordinal = e.stream
    WHERE s.grp NOT IN (SELECT r.grp FROM refused r)
    ORDER BY e.ordinal
    RETURNING position
  )
  SELECT s.ordinal, s.stream_id, s.version, s.expected_version <> s.version AS stale, NULL::bigint AS position
  FROM streams s
  UNION ALL
  SELECT NULL, NULL, NULL, NULL, a.position FROM appended a`,
);

/**
 * Appends each group all or nothing, in one statement: a group with a stale stream comes back as its
 * StreamVersionConflict, and the others are written. A lost race (unique violation) fails the whole statement.
 */
export async function appendGroups(
  db: Kysely<Database>,
  groups: readonly (readonly StreamAppend[])[],
): Promise<GroupOutcome[]> {
  const streamIds: string[] = [];
  const expectedVersions: (number | null)[] = [];
  const streamGroups: number[] = [];
  const eventStreams: number[] = [];
  const eventVersions: number[] = [];
  const types: string[] = [];
  const schemaVersions: number[] = [];
  const data: object[] = [];
  const metadata: object[] = [];
  groups.forEach((group, g) => {
    for (const { streamId, expectedVersion, events } of group) {
      streamIds.push(streamId);
      expectedVersions.push(expectedVersion === 'any' ? null : expectedVersion);
      streamGroups.push(g);
      const stream = streamIds.length;
      events.forEach((event, n) => {
        eventStreams.push(stream);
        eventVersions.push(n + 1);
        types.push(event.type);
        schemaVersions.push(event.schemaVersion ?? 1);
        data.push(event.data);
        metadata.push(event.metadata);
      });
    }
  });
  const parameters = [
    streamIds,
    expectedVersions,
    streamGroups,
    eventStreams,
    eventVersions,
    types,
    schemaVersions,
    JSON.stringify(data),
    JSON.stringify(metadata),
  ];
  const { rows } = await db.executeQuery<{
    ordinal: number | null;
    version: number;
    stale: boolean | null;
    position: number;
  }>(CompiledQuery.raw(APPEND_TO_STREAMS, parameters));

  // A row per stream (by its ordinal), and the positions of the groups that were written: taken from one sequence
  // in the order the statement inserted them, the order given.
  const versions: { version: number; stale: boolean | null }[] = [];
  const positions: number[] = [];
  for (const row of rows) {
    if (row.ordinal === null) positions.push(Number(row.position));
    else versions[Number(row.ordinal) - 1] = row;
  }
  positions.sort((a, b) => a - b);
  const outcomes: GroupOutcome[] = [];
  let stream = 0;
  let position = 0;
  for (const group of groups) {
    const rowsOfGroup = versions.slice(stream, stream + group.length);
    stream += group.length;
    const staleIndex = rowsOfGroup.findIndex((row) => row.stale);
    const stale = group[staleIndex];
    if (stale) {
      const actual = Number(rowsOfGroup[staleIndex]?.version);
      outcomes.push(new StreamVersionConflict(stale.streamId, stale.expectedVersion, actual));
      continue;
    }
    const result: AppendResult = { streamVersions: new Map(), positions: [] };
    group.forEach(({ streamId, events }, i) => {
      result.streamVersions.set(streamId, Number(rowsOfGroup[i]?.version) + events.length);
      for (let n = 0; n < events.length; n++) result.positions.push(positions[position++] as number);
    });
    outcomes.push(result);
  }
  return outcomes;
}
