import type { Kysely } from 'kysely';
import { copiesFromStdin } from '../database/copy-from.ts';
import { preparesStatements } from '../database/prepared-statement.ts';
import type { Database } from '../database/schema.ts';
import {
  type AppendResult,
  appendGroups,
  appendOneStream,
  lostRace,
  type StreamAppend,
} from './append-statements.ts';
import { coalescedAppend } from './coalesce-appends.ts';
import { copyEvents } from './copy-events.ts';
import { type ExpectedVersion, type NewEvent, StreamVersionConflict } from './types.ts';

export type { AppendResult, StreamAppend } from './append-statements.ts';

/** Events per statement: a national sheet appends 420,000, past PostgreSQL's 256 MB limit on one jsonb array. */
export const EVENTS_PER_STATEMENT = 5_000;

export interface AppendOptions {
  /** false: the caller has no use for the events' positions, and a bulk append (COPY) skips reading them back. */
  positions?: boolean;
  /**
   * 'sent': inside a transaction, a bulk append (COPY) returns once its rows are sent; its result's `written`
   * says when they are written (or why not) and must be awaited before the transaction ends. Default 'written'.
   */
  until?: 'written' | 'sent';
}

/** From this many events on, an append whose expected versions are all known goes by COPY (copy-events.ts). */
export const COPY_FROM_EVENTS = 2_000;

/**
 * Appends to one or more streams: all or nothing. Every stream's expected version is checked against the log; a
 * stale one throws StreamVersionConflict and writes nothing. Two writers racing on the same stream both pass the
 * check, and the unique (stream_id, stream_version) index makes the later one fail with the same conflict. Call it
 * inside a transaction to make it atomic with other writes. Outside one, on a driver that prepares statements (pg),
 * appends made at the same moment may share a statement (coalesce-appends.ts), each still all or nothing on its
 * own; PGlite would plan every shared statement again (20 writers on 3 streams took twice as long), so there each
 * append goes alone.
 */
export async function appendToStreams(
  db: Kysely<Database>,
  appends: readonly StreamAppend[],
  options: AppendOptions = {},
): Promise<AppendResult> {
  const seen = new Set<string>();
  for (const { streamId } of appends) {
    if (seen.has(streamId)) throw new Error(`stream ${streamId} appears twice in one append`);
    seen.add(streamId);
  }
  const streams = appends.filter((append) => append.events.length > 0);
  if (streams.length === 0) return { streamVersions: new Map(), positions: [] };
  if (db.isTransaction || !preparesStatements(db)) return appendNow(db, streams, options);
  return coalescedAppend(db, streams, appendNow);
}

/** One append on its own: one statement, or one per EVENTS_PER_STATEMENT events in one transaction. */
export async function appendNow(
  db: Kysely<Database>,
  streams: readonly StreamAppend[],
  options: AppendOptions = {},
): Promise<AppendResult> {
  const [first] = streams;
  if (byCopy(db, streams)) {
    // Which stream lost the race is not known: the append is reported under all of its streams.
    const conflict = (error: unknown) => {
      if (!lostRace(error)) throw error;
      const expected = streams.length === 1 ? (first?.expectedVersion ?? 'any') : 'any';
      throw new StreamVersionConflict(streams.map((s) => s.streamId).join(','), expected, undefined);
    };
    if (db.isTransaction && options.until === 'sent') {
      const sent = await copyEvents(db, streams, options).catch(conflict);
      const written = sent.written?.catch(conflict);
      written?.catch(() => {});
      return { ...sent, ...(written ? { written } : {}) };
    }
    const copy = (trx: Kysely<Database>) =>
      copyEvents(trx, streams, { positions: options.positions }).catch(conflict);
    return db.isTransaction ? copy(db) : db.transaction().execute(copy);
  }
  if (first && streams.length === 1 && first.events.length <= EVENTS_PER_STATEMENT)
    return appendOneStream(db, first);
  const statements = splitByEvents(streams);
  const appendAll = async (trx: Kysely<Database>) => {
    const result: AppendResult = { streamVersions: new Map(), positions: [] };
    for (const part of statements) {
      const [outcome] = await appendGroups(trx, [part]).catch((error: unknown) => {
        // Which stream lost the race is not known: the append is reported under all of its streams.
        if (!lostRace(error)) throw error;
        const expected = part.length === 1 ? (part[0]?.expectedVersion ?? 'any') : 'any';
        throw new StreamVersionConflict(part.map((s) => s.streamId).join(','), expected, undefined);
      });
      if (outcome instanceof StreamVersionConflict) throw outcome;
      for (const [streamId, version] of outcome?.streamVersions ?? [])
        result.streamVersions.set(streamId, version);
      for (const position of outcome?.positions ?? []) result.positions.push(position);
    }
    return result;
  };
  return statements.length === 1 || db.isTransaction ? appendAll(db) : db.transaction().execute(appendAll);
}

function byCopy(db: Kysely<Database>, streams: readonly StreamAppend[]): boolean {
  if (!copiesFromStdin(db)) return false;
  let events = 0;
  for (const stream of streams) {
    if (stream.expectedVersion === 'any') return false;
    events += stream.events.length;
  }
  return events >= COPY_FROM_EVENTS;
}

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
