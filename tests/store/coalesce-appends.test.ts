import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { appendToStream, readStream, readStreams, StreamVersionConflict } from '../../src/store/index.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';

const event = (n: number, text = 'x') => ({
  type: 'ValueReported',
  data: { n, text },
  metadata: { actor: 'test' },
});

/** The transaction ids that wrote a set of streams: appends sharing a statement share one. */
async function transactionsOf(database: OpenDatabase, prefix: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(DISTINCT transaction_id) AS n FROM events WHERE stream_id LIKE ${`${prefix}%`}`.execute(
    database.db,
  );
  return Number(rows[0]?.n);
}

describe(`appends made at the same moment (${testEngine}${testEngine === 'pglite' ? ': each goes alone' : ': they share statements'})`, () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('given 40 writers on distinct streams, when they append at once, then each gets its own versions and positions', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, w) =>
        appendToStream(database.db, `many-${w}`, 0, [event(w), event(w + 1)]),
      ),
    );
    // pg prepares the shared statement once; PGlite would plan it on every run, so there each append goes alone.
    if (testEngine === 'postgres') expect(await transactionsOf(database, 'many-')).toBeLessThan(40);
    else expect(await transactionsOf(database, 'many-')).toBe(40);
    const read = await readStreams(
      database.db,
      results.map((_, w) => `many-${w}`),
    );
    results.forEach((result, w) => {
      const events = read.get(`many-${w}`) ?? [];
      expect(result.nextVersion).toBe(2);
      expect(events.map((e) => e.position)).toEqual(result.positions);
      expect(events.map((e) => e.data)).toEqual([
        { n: w, text: 'x' },
        { n: w + 1, text: 'x' },
      ]);
    });
  });

  it('given stale appends among good ones at the same moment, then only the stale ones conflict and write nothing', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, w) => appendToStream(database.db, `mixed-${w}`, 0, [event(1)])),
    );
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, w) =>
        appendToStream(database.db, `mixed-${w}`, w % 3 === 0 ? 0 : 1, [event(2)]),
      ),
    );
    outcomes.forEach((outcome, w) => {
      if (w % 3 === 0) {
        expect(outcome.status).toBe('rejected');
        const reason = (outcome as PromiseRejectedResult).reason;
        expect(reason).toBeInstanceOf(StreamVersionConflict);
        expect(reason).toMatchObject({ streamId: `mixed-${w}`, expectedVersion: 0, actualVersion: 1 });
      } else expect(outcome).toMatchObject({ status: 'fulfilled', value: { nextVersion: 2 } });
    });
    for (let w = 0; w < 10; w++)
      expect(await readStream(database.db, `mixed-${w}`)).toHaveLength(w % 3 === 0 ? 1 : 2);
  });

  it('given appends to the same stream at once, then they go one after the other: each sees the one before', async () => {
    const outcomes = await Promise.allSettled([
      appendToStream(database.db, 'same', 0, [event(1)]),
      appendToStream(database.db, 'same', 'any', [event(2)]),
      appendToStream(database.db, 'other-1', 0, [event(1)]),
      appendToStream(database.db, 'same', 'any', [event(3)]),
      appendToStream(database.db, 'same', 0, [event(4)]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
    ]);
    expect((outcomes[4] as PromiseRejectedResult).reason).toMatchObject({ actualVersion: 3 });
    expect((await readStream(database.db, 'same')).map((e) => e.data)).toEqual(
      [1, 2, 3].map((n) => event(n).data),
    );
  });

  it('given an append the server refuses among good ones at the same moment, then only that one fails', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, w) =>
        // jsonb refuses the NUL character: the shared statement fails, and each append goes again on its own.
        appendToStream(database.db, `refused-${w}`, 0, [event(w, w === 3 ? 'nul \u0000' : 'x')]),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(await readStream(database.db, 'refused-3')).toEqual([]);
    expect(await readStream(database.db, 'refused-4')).toHaveLength(1);
  });
});
