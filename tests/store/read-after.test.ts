import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import type { Database } from '../../src/database/schema.ts';
import {
  appendToStream,
  type LogCheckpoint,
  type RecordedEvent,
  readAfter,
  readUntil,
  START_OF_LOG,
} from '../../src/store/index.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';

const event = (n: number) => ({ type: 'ValueReported', data: { n }, metadata: {} });

/** A transaction held open until `release` is called, to interleave writers by hand. */
function openTransaction(db: Kysely<Database>) {
  let release!: (commit: boolean) => void;
  const decided = new Promise<boolean>((resolve) => {
    release = resolve;
  });
  let ready!: (trx: Kysely<Database>) => void;
  const trxReady = new Promise<Kysely<Database>>((resolve) => {
    ready = resolve;
  });
  const done = db
    .transaction()
    .execute(async (trx) => {
      ready(trx);
      if (!(await decided)) throw new Error('rolled back on purpose');
    })
    .catch((error: Error) => {
      if (error.message !== 'rolled back on purpose') throw error;
    });
  return { trx: trxReady, commit: () => release(true), rollback: () => release(false), done };
}

async function readAll(db: Kysely<Database>, from: LogCheckpoint) {
  const events: RecordedEvent[] = [];
  let checkpoint = from;
  for (;;) {
    const batch = await readAfter(db, checkpoint, 100);
    const last = batch.at(-1);
    if (!last) return { events, checkpoint };
    events.push(...batch);
    checkpoint = { transactionId: last.transactionId, position: last.position };
  }
}

/**
 * Reads until `count` events have come after `from`, or 15 s pass. Visibility waits for the oldest transaction
 * still running anywhere on the server (other test databases included): the guarantee is never to skip, not to
 * see at once.
 */
async function readCaughtUp(db: Kysely<Database>, from: LogCheckpoint, count: number) {
  const events: RecordedEvent[] = [];
  let checkpoint = from;
  const deadline = Date.now() + 15_000;
  while (events.length < count && Date.now() < deadline) {
    const next = await readAll(db, checkpoint);
    events.push(...next.events);
    checkpoint = next.checkpoint;
    if (events.length < count) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { events, checkpoint };
}

describe(`following the log (${testEngine})`, () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('given appended events, when reading after a checkpoint in batches, then every event comes once in order', async () => {
    for (let i = 0; i < 7; i++)
      await appendToStream(database.db, `s${i % 3}`, 'any', [event(i), event(i + 100)]);
    const first = await readAfter(database.db, START_OF_LOG, 5);
    expect(first).toHaveLength(5);
    const { events } = await readAll(database.db, START_OF_LOG);
    expect(events).toHaveLength(14);
    expect(events.map((e) => e.position)).toEqual([...events.map((e) => e.position)].sort((a, b) => a - b));
  });

  it('when reading as of a past time, then only events recorded by then come back', async () => {
    const before = await readAll(database.db, START_OF_LOG);
    const [{ now }] = (await sql<{ now: Date }>`SELECT now() AS now`.execute(database.db)).rows as [
      { now: Date },
    ];
    await new Promise((resolve) => setTimeout(resolve, 20));
    await appendToStream(database.db, 'later', 0, [event(1)]);
    const asOf = await readUntil(database.db, new Date(now), START_OF_LOG, 1000);
    expect(asOf.map((e) => e.position)).toEqual(before.events.map((e) => e.position));
    const everything = await readUntil(database.db, new Date(Date.now() + 60_000), START_OF_LOG, 1000);
    expect(everything).toHaveLength(before.events.length + 1);
  });
});

describe.skipIf(testEngine !== 'postgres')(
  'no event is skipped under concurrent writers (PostgreSQL only)',
  () => {
    let database: OpenDatabase;
    beforeAll(async () => {
      database = await openTestDatabase();
    });
    afterAll(() => database.close());

    it('given a transaction that took an earlier position and commits later, then the reader waits for it instead of skipping it', async () => {
      const { checkpoint: start } = await readAll(database.db, START_OF_LOG);
      const slow = openTransaction(database.db);
      const slowTrx = await slow.trx;
      await appendToStream(slowTrx, 'slow', 0, [event(1)]); // takes the lower position, not yet committed
      const fast = await appendToStream(database.db, 'fast', 0, [event(2)]); // a higher position, committed

      // A reader going by position alone would see the fast event now and move past the slow one for ever.
      const naive = await sql<{ position: number }>`
      SELECT position FROM events WHERE position > ${start.position} ORDER BY position`.execute(database.db);
      expect(naive.rows.map((r) => Number(r.position))).toEqual(fast.positions);

      const whileSlowIsOpen = await readAll(database.db, start);
      expect(whileSlowIsOpen.events.map((e) => e.streamId)).toEqual([]);

      slow.commit();
      await slow.done;
      const afterCommit = await readCaughtUp(database.db, whileSlowIsOpen.checkpoint, 2);
      expect(afterCommit.events.map((e) => e.streamId).sort()).toEqual(['fast', 'slow']);
    });

    it('given 8 writers appending in overlapping transactions while a reader follows, then the reader sees every committed event exactly once', async () => {
      const { checkpoint: start } = await readAll(database.db, START_OF_LOG);
      const writers = 8;
      const perWriter = 25;
      let writing = true;
      const seen: RecordedEvent[] = [];
      const reader = (async () => {
        let checkpoint = start;
        while (writing) {
          const { events, checkpoint: next } = await readAll(database.db, checkpoint);
          seen.push(...events);
          checkpoint = next;
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        seen.push(...(await readAll(database.db, checkpoint)).events);
      })();
      const rolledBack: string[] = [];
      await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          for (let i = 0; i < perWriter; i++) {
            const streamId = `w${writer}-${i}`;
            const commit = i % 10 !== 7; // some transactions roll back: their events must never be seen
            await database.db
              .transaction()
              .execute(async (trx) => {
                await sql`SELECT pg_current_xact_id()`.execute(trx); // take a transaction id early
                await new Promise((resolve) => setTimeout(resolve, Math.random() * 6));
                await appendToStream(trx, streamId, 0, [event(i)]);
                await new Promise((resolve) => setTimeout(resolve, Math.random() * 6));
                if (!commit) throw new Error('rollback');
              })
              .catch(() => rolledBack.push(streamId));
          }
        }),
      );
      writing = false;
      await reader;

      const committed = await sql<{ position: number }>`
      SELECT position FROM events WHERE stream_id LIKE 'w%' ORDER BY position`.execute(database.db);
      const seenPositions = seen.map((e) => e.position).sort((a, b) => a - b);
      expect(seenPositions).toEqual(committed.rows.map((r) => Number(r.position)));
      expect(new Set(seenPositions).size).toBe(seenPositions.length);
      expect(committed.rows).toHaveLength(writers * perWriter - rolledBack.length);
      expect(seen.some((e) => rolledBack.includes(e.streamId))).toBe(false);
    });
  },
);
