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
 * the history in log order, each document with the keys in the fold's order. The documents are put together as
 * text (cheaper than json_build_object, which converts each piece on its own): every string in them is written
 * by the server's own JSON output (a jsonb value's text, to_json) except the comparator (a word of the
 * vocabulary), and numbers keep the digits the events hold. recordedAt is the fold's toISOString of the
 * millisecond-truncated recording time. Every value event is at schema version 1, which upcast leaves as it is:
 * a new version must be converted here as well. The equality with the incremental projection is tested
 * (tests/projections/rebuild.test.ts).
 *
 * The events are sorted once, by value and log order, in a subquery, and aggregated in that order (PostgreSQL
 * keeps a sorted subquery's order into its aggregates; an ORDER BY in each aggregate would sort every group
 * again, per aggregate, on PostgreSQL 15). work_mem lets that sort stay in memory.
 */
export async function writeSeriesFromLog(db: Kysely<Database>, through: LogCheckpoint): Promise<void> {
  const bounds: (string | undefined)[] = [undefined];
  for (let next = await streamAfter(db, undefined, STREAM_EVENTS_PER_STATEMENT); next !== undefined; ) {
    bounds.push(next);
    next = await streamAfter(db, next, STREAM_EVENTS_PER_STATEMENT);
  }
  bounds.push(undefined);
  // Two statements at a time, on connections of their own (a server folds one statement on one core).
  let taken = 0;
  const lane = async () => {
    while (taken < bounds.length - 1) {
      const i = taken++;
      await writeStreams(db, through, bounds[i], bounds[i + 1]);
    }
  };
  const lanes = await Promise.allSettled([lane(), lane()]);
  for (const outcome of lanes) if (outcome.status === 'rejected') throw outcome.reason;
}

/**
 * Events per statement, roughly: a statement is one transaction, and every reader of the log on the server
 * waits for the oldest transaction still running (src/store/read-after.ts), so one statement for the whole log
 * would hold every catch-up back for as long as it ran. This many takes a fraction of a second, and the sort of
 * one statement stays in memory.
 */
const STREAM_EVENTS_PER_STATEMENT = 50_000;

/**
 * The first stream id at least `count` events after `from` (from the start without it), in the order of the
 * (stream_id, stream_version) key's index; undefined when fewer are left. The events of a value all belong to one
 * stream (its region's and indicator's series), so a range of streams holds whole values.
 */
async function streamAfter(
  db: Kysely<Database>,
  from: string | undefined,
  count: number,
): Promise<string | undefined> {
  const after = from === undefined ? sql`` : sql`WHERE stream_id > ${from}`;
  const { rows } = await sql<{ stream_id: string }>`
    SELECT stream_id FROM events ${after} ORDER BY stream_id OFFSET ${count} LIMIT 1`.execute(db);
  return rows[0]?.stream_id;
}

/** The series values of the streams from `from` (inclusive) to `to` (exclusive); either end open. */
async function writeStreams(
  db: Kysely<Database>,
  through: LogCheckpoint,
  from: string | undefined,
  to: string | undefined,
): Promise<void> {
  const columns = Object.keys(SERIES_VALUE_COLUMNS) as (keyof Database['series_values'])[];
  const streams = sql.join(
    [
      ...(from === undefined ? [] : [sql`stream_id >= ${from}`]),
      ...(to === undefined ? [] : [sql`stream_id < ${to}`]),
      sql`true`,
    ],
    sql` AND `,
  );
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL work_mem = '256MB'`.execute(trx);
    // The events are named without a schema: `db` may carry the fresh tables' schema, the log stays where it is.
    await trx
      .insertInto('series_values')
      .columns(columns)
      .expression(
        sql`
        SELECT region_code, indicator_code, part, year,
               CASE WHEN retracted THEN NULL ELSE comparator END,
               CASE WHEN retracted THEN NULL ELSE value::float8 END,
               CASE WHEN retracted THEN NULL ELSE unit END,
               revisions,
               concat('{"regionCode":', to_json(region_code), ',"indicatorCode":', to_json(indicator_code),
                 ',"part":', coalesce(to_json(nullif(part, '')), 'null'), ',"year":', year,
                 ',"current":', CASE WHEN retracted THEN 'null' ELSE concat('{', body, '}') END,
                 ',"revisions":', revisions, ',"history":[', history, ']}')::json
        FROM (
          SELECT region_code, indicator_code, part, year, revisions, history,
                 changes[cardinality(changes)] = 'retracted' AS retracted, bodies[cardinality(bodies)] AS body,
                 comparators[cardinality(comparators)] AS comparator, numbers[cardinality(numbers)] AS value,
                 units[cardinality(units)] AS unit
          FROM (
            SELECT region_code, indicator_code, part, year,
                   (count(*) FILTER (WHERE change = 'revised'))::int AS revisions,
                   string_agg(concat('{"change":"', change, '",', body, tail), ',') AS history,
                   array_agg(change) AS changes, array_agg(body) AS bodies, array_agg(comparator) AS comparators,
                   array_agg(number) AS numbers, array_agg(unit) AS units
            FROM (
              SELECT region_code, indicator_code, part, year, change, comparator, number, unit,
                     concat('"comparator":"', comparator, '","value":', number, ',"unit":', to_json(unit),
                       ',"source":', source) AS body,
                     concat(',"occurredAt":', occurred_at, ',"recordedAt":"',
                       to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '"}') AS tail
              FROM (
                SELECT data->>'regionCode' AS region_code, data->>'indicatorCode' AS indicator_code,
                       coalesce(data->>'part', '') AS part, (data->>'year')::int AS year,
                       CASE event_type WHEN 'ValueReported' THEN 'reported' WHEN 'ValueRevised' THEN 'revised'
                         ELSE 'retracted' END AS change,
                       stated->>'comparator' AS comparator, stated->>'value' AS number, stated->>'unit' AS unit,
                       data->'source' AS source, metadata->'occurredAt' AS occurred_at, recorded_at,
                       transaction_id, position
                FROM (
                  SELECT *, CASE WHEN event_type = 'ValueRetracted' THEN data->'previous' ELSE data END AS stated
                  FROM events
                  WHERE event_type IN ('ValueReported', 'ValueRevised', 'ValueRetracted')
                    AND (transaction_id, position) <= (${through.transactionId}::xid8, ${through.position}::bigint)
                    AND ${streams}
                ) AS e
              ) AS e
              ORDER BY region_code, indicator_code, part, year, transaction_id, position
            ) AS ordered
            GROUP BY region_code, indicator_code, part, year
          ) AS grouped
        ) AS folded`,
      )
      .execute();
  });
}
