import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCommands } from '../../src/commands/handle.ts';
import type { OpenDatabase } from '../../src/database/connect.ts';
import type { ReportValue } from '../../src/domain/commands.ts';
import { catchUp, catchUpAll } from '../../src/projections/catch-up.ts';
import { projections } from '../../src/projections/index.ts';
import type { Projection } from '../../src/projections/projection.ts';
import { prepareDatabase } from '../../src/startup.ts';
import { StreamVersionConflict } from '../../src/store/index.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';
import { incrementalAndRebuilt } from './support/rebuild-equality.ts';

const WRITERS = 20;
const REPORTS_PER_WRITER = 12;
/** Three series streams for twenty writers: every append races others on the same stream. */
const SERIES = [
  { regionCode: '320700', indicatorCode: 'integration-demo-zones' },
  { regionCode: '320400', indicatorCode: 'integration-demo-zones' },
  { regionCode: '320700', indicatorCode: 'integration-demo-bases' },
] as const;

/**
 * A projection that records every position it is handed in a table whose primary key is the position: an
 * event applied twice fails the catch-up, an event skipped is missing from the table.
 */
const positionsSeen: Projection = {
  name: 'reliability-positions',
  tables: [],
  async apply(trx, events) {
    await sql`
      INSERT INTO reliability_positions (position, stream_id, stream_version)
      SELECT * FROM unnest(${events.map((e) => e.position)}::bigint[], ${events.map((e) => e.streamId)}::text[],
                           ${events.map((e) => e.streamVersion)}::int[])`.execute(trx);
  },
};

function report(writer: number, n: number): ReportValue {
  const series = SERIES[(writer + n) % SERIES.length] ?? SERIES[0];
  return {
    type: 'ReportValue',
    data: {
      ...series,
      part: null,
      year: 2011 + (n % 5),
      comparator: 'eq',
      // Unique per writer and report: every successful command is a new value (reported or revised).
      value: writer * 1_000 + n + 1,
      unit: '个',
      source: { kind: 'api', note: `writer ${writer}` },
    },
    metadata: {
      actor: { kind: 'system', id: `writer-${writer}`, name: `writer ${writer}` },
      // One instant for all: a later statement is never "older" than the current one, so none decides nothing.
      occurredAt: '2016-01-01T00:00:00+08:00',
    },
  };
}

describe(`${WRITERS} concurrent writers on ${SERIES.length} overlapping streams while projections follow (${testEngine}${testEngine === 'pglite' ? ': one connection, so writers interleave between statements rather than run in parallel' : ''})`, () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
    await prepareDatabase(database.db);
    await sql`
      CREATE TABLE reliability_positions (
        position bigint PRIMARY KEY, stream_id text NOT NULL, stream_version int NOT NULL)`.execute(
      database.db,
    );
  });
  afterAll(() => database?.close());

  it('projects every event exactly once, losers retry or give up writing nothing, and the counts match', async () => {
    const db = database.db;
    let writing = true;
    let followerRounds = 0;
    // The follower: the real projections and the position recorder, caught up again and again meanwhile.
    const follower = (async () => {
      while (writing) {
        await catchUp(db, positionsSeen);
        for (const projection of projections) await catchUp(db, projection);
        followerRounds++;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    const outcomes = { written: 0, conflicts: 0, gaveUp: 0, unexpected: [] as unknown[] };
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        // Even writers retry until their report is in; odd writers give up after the first conflict.
        const attempts = writer % 2 === 0 ? 200 : 1;
        for (let n = 0; n < REPORTS_PER_WRITER; n++) {
          for (let attempt = 1; ; attempt++) {
            try {
              const { positions } = await handleCommands(db, [report(writer, n)], { retries: 0 });
              expect(positions).toHaveLength(1);
              outcomes.written++;
              break;
            } catch (error) {
              if (!(error instanceof StreamVersionConflict)) {
                outcomes.unexpected.push(error);
                return;
              }
              outcomes.conflicts++;
              if (attempt >= attempts) {
                outcomes.gaveUp++;
                break;
              }
            }
          }
        }
      }),
    );
    writing = false;
    await follower;
    await catchUpAll(db, [positionsSeen, ...projections], { waitMs: 30_000 });

    expect(outcomes.unexpected).toEqual([]);
    expect(outcomes.conflicts).toBeGreaterThan(0);
    expect(outcomes.written + outcomes.gaveUp).toBe(WRITERS * REPORTS_PER_WRITER);
    expect(followerRounds).toBeGreaterThan(0);

    const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
      Number((await query.execute(db)).rows[0]?.n);
    // Exactly the successful commands are in the log, each stream's versions without a gap.
    expect(
      await count(
        sql`SELECT count(*) AS n FROM events WHERE stream_id LIKE 'series-%' AND metadata->'actor'->>'id' LIKE 'writer-%'`,
      ),
    ).toBe(outcomes.written);
    expect(
      (
        await sql`SELECT stream_id FROM events GROUP BY stream_id HAVING count(*) <> max(stream_version)`.execute(
          db,
        )
      ).rows,
    ).toEqual([]);
    // Every event of the log was handed to the projection once (the primary key refuses a second time).
    expect(await count(sql`SELECT count(*) AS n FROM reliability_positions`)).toBe(
      await count(sql`SELECT count(*) AS n FROM events`),
    );
    expect(
      await count(
        sql`SELECT count(*) AS n FROM events e LEFT JOIN reliability_positions p USING (position) WHERE p.position IS NULL`,
      ),
    ).toBe(0);
    // The series read model holds every statement once: its histories add up to the value events.
    expect(
      await count(
        sql`SELECT sum(json_array_length(doc->'history')) AS n FROM series_values WHERE (region_code, indicator_code) IN (('320700', 'integration-demo-zones'), ('320400', 'integration-demo-zones'), ('320700', 'integration-demo-bases'))`,
      ),
    ).toBe(
      await count(
        sql`SELECT count(*) AS n FROM events WHERE stream_id IN ('series-320700-integration-demo-zones', 'series-320400-integration-demo-zones', 'series-320700-integration-demo-bases')`,
      ),
    );

    const { incremental, rebuilt, rows } = await incrementalAndRebuilt(db);
    expect(rows).toBeGreaterThan(0);
    expect(rebuilt).toEqual(incremental);
  });
});
