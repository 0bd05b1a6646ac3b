import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import type { Database } from '../../src/database/schema.ts';
import { asOfSource } from '../../src/projections/as-of.ts';
import { appendToStreams, readUntil, START_OF_LOG } from '../../src/store/index.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';

/** About 800 bytes a row: a report of 1,200 fills about one block range (128 pages of 8 kB) of the log. */
const report = (r: number, n: number) => ({
  type: 'ValueReported',
  data: { report: r, n, text: '报'.repeat(250) },
  metadata: { actor: 'test' },
});
const REPORTS = 6;
const EVENTS_PER_REPORT = 1_200;

/** Every event recorded up to `asOf`, in log order, a page at a time. */
async function readAllUntil(db: Kysely<Database>, asOf: Date): Promise<number[]> {
  const positions: number[] = [];
  let checkpoint = START_OF_LOG;
  for (;;) {
    const page = await readUntil(db, asOf, checkpoint, 1_000);
    positions.push(...page.map((e) => e.position));
    const last = page.at(-1);
    if (page.length < 1_000 || !last) return positions;
    checkpoint = { transactionId: last.transactionId, position: last.position };
  }
}

describe(`as-of reads through the recording-time index (${testEngine})`, () => {
  let database: OpenDatabase;
  /** Each report's positions, and a moment after it was recorded and before the next one was. */
  const reports: { positions: number[]; recordedBy: Date }[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    for (let r = 0; r < REPORTS; r++) {
      const events = Array.from({ length: EVENTS_PER_REPORT }, (_, n) => report(r, n));
      const { positions } = await appendToStreams(database.db, [
        { streamId: `report-${r}`, expectedVersion: 0, events },
      ]);
      // recorded_at has microseconds and a Date milliseconds: the next whole millisecond is after this report.
      const { rows } = await sql<{ ms: number }>`
        SELECT floor(extract(epoch FROM max(recorded_at)) * 1000)::bigint + 1 AS ms
        FROM events WHERE stream_id = ${`report-${r}`}`.execute(database.db);
      reports.push({ positions, recordedBy: new Date(Number(rows[0]?.ms)) });
      await new Promise((resolve) => setTimeout(resolve, 5));
      // The first reports' block ranges get summaries; the last ones' stay unsummarized, as a log's newest do.
      if (r === 3) await sql`SELECT brin_summarize_new_values('events_by_recorded_at')`.execute(database.db);
    }
  }, 120_000);
  afterAll(() => database.close());

  it('the recording time is indexed by block ranges (BRIN), not a B-tree', async () => {
    const { rows } = await sql<{ method: string }>`
      SELECT am.amname AS method FROM pg_class c JOIN pg_am am ON am.oid = c.relam
      WHERE c.relname = 'events_by_recorded_at'`.execute(database.db);
    expect(rows).toEqual([{ method: 'brin' }]);
  });

  it('given reports recorded over several block ranges, when reading as of a moment between two, then exactly the events recorded by then come back, in log order', async () => {
    const pages = await sql<{ pages: number }>`
      SELECT pg_relation_size('events') / current_setting('block_size')::int AS pages`.execute(database.db);
    expect(Number(pages.rows[0]?.pages)).toBeGreaterThan(3 * 128); // more than three ranges

    // Reading through the index only (no sequential or B-tree scan), so that a range the index got wrong
    // would show as missing events.
    await database.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      await sql`SET LOCAL enable_indexscan = off`.execute(trx);
      const plan = await sql<{ 'QUERY PLAN': string }>`
        EXPLAIN SELECT count(*) FROM events WHERE recorded_at <= ${new Date()}`.execute(trx);
      expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('events_by_recorded_at');

      expect(await readAllUntil(trx, new Date(Date.parse('2000-01-01')))).toEqual([]);
      for (let r = 0; r < REPORTS; r++) {
        const expected = reports.slice(0, r + 1).flatMap((report) => report.positions);
        const asOf = reports[r]?.recordedBy as Date;
        expect(await readAllUntil(trx, asOf)).toEqual(expected);
        const source = await asOfSource(trx, asOf);
        expect(source.version).toBe(`asOf:${asOf.toISOString()}:${expected.length}:${expected.at(-1)}`);
      }
    });
  }, 120_000);
});
