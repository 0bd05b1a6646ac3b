import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database/schema.ts';
import type { LogCheckpoint } from '../../store/types.ts';
import { SERIES_VALUE_COLUMNS } from './table.ts';

/** The event types of the series (folded by evolveSeriesValue). */
export const SERIES_EVENT_TYPES = ['ValueReported', 'ValueRevised', 'ValueRetracted'] as const;

/**
 * Writes every series value of the log up to `through` into `db`'s series_values (a rebuild's fresh, empty table)
 * in one set-based statement on the server: the fold of evolveSeriesValue, in SQL. The events never travel to this
 * process and the documents never travel back; this is most of a rebuild's data.
 *
 * It gives what the fold gives: the current statement (none after a retraction), the number of revisions, and
 * the history in log order, each document with the keys in the fold's order. A stored document is json, its text
 * as the server writes it (spacing aside, what JSON.stringify writes); numbers keep the digits the events hold.
 * recordedAt is the fold's toISOString of the millisecond-truncated recording time. Every value event is at
 * schema version 1, which upcast leaves as it is: a new version must be converted here as well.
 * The equality of this with the incremental projection is tested (tests/projections/rebuild.test.ts).
 */
export async function writeSeriesFromLog(db: Kysely<Database>, through: LogCheckpoint): Promise<void> {
  const columns = Object.keys(SERIES_VALUE_COLUMNS);
  // The events are named without a schema: `db` may carry the fresh tables' schema, the log stays where it is.
  const stated = (field: string) =>
    sql.raw(`CASE WHEN event_type = 'ValueRetracted' THEN data->'previous'->'${field}' ELSE data->'${field}' END`);
  await db
    .insertInto('series_values')
    .columns(columns as (keyof Database['series_values'])[])
    .expression(
      sql`
      SELECT region_code, indicator_code, part, year,
             CASE WHEN retracted THEN NULL ELSE last->>'comparator' END,
             CASE WHEN retracted THEN NULL ELSE (last->>'value')::float8 END,
             CASE WHEN retracted THEN NULL ELSE last->>'unit' END,
             revisions,
             json_build_object(
               'regionCode', region_code, 'indicatorCode', indicator_code, 'part', nullif(part, ''), 'year', year,
               'current', CASE WHEN retracted THEN NULL ELSE json_build_object(
                 'comparator', last->'comparator', 'value', last->'value', 'unit', last->'unit',
                 'source', last->'source') END,
               'revisions', revisions, 'history', history)
      FROM (
        SELECT data->>'regionCode' AS region_code, data->>'indicatorCode' AS indicator_code,
               coalesce(data->>'part', '') AS part, (data->>'year')::int AS year,
               (array_agg(event_type ORDER BY transaction_id DESC, position DESC))[1] = 'ValueRetracted' AS retracted,
               (array_agg(data ORDER BY transaction_id DESC, position DESC))[1] AS last,
               (count(*) FILTER (WHERE event_type = 'ValueRevised'))::int AS revisions,
               json_agg(json_build_object(
                 'change', CASE event_type WHEN 'ValueReported' THEN 'reported' WHEN 'ValueRevised' THEN 'revised'
                           ELSE 'retracted' END,
                 'comparator', ${stated('comparator')}, 'value', ${stated('value')}, 'unit', ${stated('unit')},
                 'source', data->'source', 'occurredAt', metadata->'occurredAt',
                 'recordedAt', to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                 ORDER BY transaction_id, position) AS history
        FROM events
        WHERE event_type IN ('ValueReported', 'ValueRevised', 'ValueRetracted')
          AND (transaction_id, position) <= (${through.transactionId}::xid8, ${through.position}::bigint)
        GROUP BY 1, 2, 3, 4
      ) AS folded`,
    )
    .execute();
}
