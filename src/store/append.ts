import { type Kysely, sql } from 'kysely';
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
 * Appends to one or more streams with the append_to_streams function (one statement, or several in one
 * transaction for a large append): all or nothing. Every stream's expected version is
 * checked against the log; a stale one throws StreamVersionConflict and writes nothing. Two writers racing on
 * the same stream both pass the check, and the unique (stream_id, stream_version) index makes the later one fail
 * with the same conflict. Call it inside a transaction to make it atomic with other writes.
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
  const batch: StreamBatch[] = appends
    .filter((append) => append.events.length > 0)
    .map((append, index) => ({
      ordinal: index,
      stream_id: append.streamId,
      expected_version: append.expectedVersion === 'any' ? null : append.expectedVersion,
      events: append.events.map((event) => ({
        type: event.type,
        schema_version: event.schemaVersion ?? 1,
        data: event.data,
        metadata: event.metadata,
      })),
    }));
  if (batch.length === 0) return { streamVersions: new Map(), positions: [] };

  // A national sheet appends 420,000 events: one jsonb parameter would pass PostgreSQL's 256 MB limit on a jsonb
  // array. Large appends go in statements of about EVENTS_PER_STATEMENT events, in one transaction (the caller's,
  // or one of their own), so they stay all or nothing.
  const statements = splitByEvents(batch);
  const appendAll = async (trx: Kysely<Database>) => {
    const rows: AppendedRow[] = [];
    for (const part of statements) rows.push(...(await appendStatement(trx, part)));
    return rows;
  };
  const rows =
    statements.length === 1 || db.isTransaction
      ? await appendAll(db)
      : await db.transaction().execute(appendAll);

  const streamVersions = new Map<string, number>();
  for (const row of rows) {
    streamVersions.set(row.stream_id, Math.max(streamVersions.get(row.stream_id) ?? 0, Number(row.version)));
  }
  return { streamVersions, positions: rows.map((row) => Number(row.position)) };
}

const EVENTS_PER_STATEMENT = 5_000;

interface StreamBatch {
  ordinal: number;
  stream_id: string;
  expected_version: number | null;
  events: { type: string; schema_version: number; data: object; metadata: object }[];
}

interface AppendedRow {
  outcome: 'appended' | 'conflict';
  stream_id: string;
  version: number;
  position: number | null;
}

/** Whole streams per statement, about EVENTS_PER_STATEMENT events each (a larger stream goes alone). */
function splitByEvents(batch: readonly StreamBatch[]): StreamBatch[][] {
  const statements: StreamBatch[][] = [[]];
  let events = 0;
  for (const stream of batch) {
    const current = statements.at(-1) as StreamBatch[];
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

/** One call of append_to_streams: a stale expected version throws StreamVersionConflict and writes nothing. */
async function appendStatement(db: Kysely<Database>, batch: readonly StreamBatch[]): Promise<AppendedRow[]> {
  let rows: AppendedRow[];
  try {
    // The statement lives in migrations/20261122124000_append_function.ts: a function's plan is cached per session.
    const result = await sql<AppendedRow>`
      SELECT outcome, stream_id, version, position FROM append_to_streams(${JSON.stringify(batch)}::jsonb)`.execute(
      db,
    );
    rows = result.rows;
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
      const streamId =
        batch.length === 1 ? (batch[0]?.stream_id ?? '') : batch.map((b) => b.stream_id).join(',');
      throw new StreamVersionConflict(
        streamId,
        batch.length === 1 ? (batch[0]?.expected_version ?? 'any') : 'any',
        undefined,
      );
    }
    throw error;
  }
  const conflict = rows.find((row) => row.outcome === 'conflict');
  if (conflict) {
    const expected = batch.find((b) => b.stream_id === conflict.stream_id)?.expected_version ?? 'any';
    throw new StreamVersionConflict(conflict.stream_id, expected, Number(conflict.version));
  }
  return rows;
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
