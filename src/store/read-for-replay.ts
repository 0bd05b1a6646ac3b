import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { LogCheckpoint } from './types.ts';

/** An event as a replay reads it: what a projection's fold uses, and where it stands in the log. */
export interface ReplayRow {
  transactionId: string;
  position: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  /** The metadata's occurredAt: the only part of the metadata a fold reads. */
  occurredAt: string;
  /** recorded_at in whole milliseconds since the epoch, truncated as a Date parsed from the timestamp is. */
  recordedAtMs: number;
}

/** Which events of the log a replay reads. */
export interface ReplayRange {
  /** The last event to read (readReplayHorizon): none after it. */
  through: LogCheckpoint;
  /** Event types left out (folded elsewhere, or by nobody). */
  except?: readonly string[];
}

/**
 * readAfter for a rebuild's replay of the whole log: the same events in the same order below the same horizon
 * (see read-after.ts), up to `range.through` and without the types it leaves out, with only the columns a fold
 * reads. The metadata is not sent as a document to parse (one field of it is), and the timestamp comes as a
 * number instead of text for the driver to parse into a Date: per event this is most of what the driver
 * allocated.
 */
export async function readForReplay(
  db: Kysely<Database>,
  checkpoint: LogCheckpoint,
  limit: number,
  range?: ReplayRange,
): Promise<ReplayRow[]> {
  const through = range
    ? sql`AND (transaction_id, position) <= (${range.through.transactionId}::xid8, ${range.through.position}::bigint)`
    : sql``;
  const except = range?.except?.length ? sql`AND event_type <> ALL(${range.except}::text[])` : sql``;
  const { rows } = await sql<ReplayRow>`
    SELECT transaction_id::text AS "transactionId", position, event_type AS type,
           schema_version AS "schemaVersion", data, metadata->>'occurredAt' AS "occurredAt",
           floor(extract(epoch FROM recorded_at) * 1000)::bigint AS "recordedAtMs"
    FROM events
    WHERE (transaction_id, position) > (${checkpoint.transactionId}::xid8, ${checkpoint.position}::bigint)
      AND transaction_id < pg_snapshot_xmin(pg_current_snapshot()) ${through} ${except}
    ORDER BY transaction_id, position
    LIMIT ${limit}`.execute(db);
  return rows;
}
