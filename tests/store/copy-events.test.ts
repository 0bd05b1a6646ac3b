import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { COPY_FROM_EVENTS } from '../../src/store/append.ts';
import { appendToStream, appendToStreams, readStream, StreamVersionConflict } from '../../src/store/index.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';

// Text COPY must carry unchanged: backslashes, tabs, newlines, quotes, \N as text, Chinese.
const awkward = 'a\\b\tc\nd\re "q" \\N 宽带\\u0041';
const event = (n: number) => ({
  type: 'ValueReported',
  data: { n, printed: `${awkward}${n}` },
  metadata: { actor: 'test' },
});
const many = (count: number) => Array.from({ length: count }, (_, n) => event(n));

describe(`bulk appends by COPY (${testEngine})`, () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('when appending a bulk of events, then they are recorded exactly, with their versions and positions in order', async () => {
    const result = await appendToStream(database.db, `bulk\t${awkward}`, 0, many(COPY_FROM_EVENTS));
    expect(result.nextVersion).toBe(COPY_FROM_EVENTS);
    const events = await readStream(database.db, `bulk\t${awkward}`);
    expect(events.map((e) => e.streamVersion)).toEqual(many(COPY_FROM_EVENTS).map((_, n) => n + 1));
    expect(events.map((e) => e.data)).toEqual(many(COPY_FROM_EVENTS).map((e) => e.data));
    expect(events.map((e) => e.position)).toEqual(result.positions);
  });

  it('given a stream at version 2, when a bulk append expects a version behind it, then it conflicts and writes nothing', async () => {
    await appendToStream(database.db, 'behind', 0, many(2));
    const attempt = appendToStreams(database.db, [
      { streamId: 'behind-new', expectedVersion: 0, events: many(COPY_FROM_EVENTS) },
      { streamId: 'behind', expectedVersion: 1, events: many(1) },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(StreamVersionConflict);
    expect(await readStream(database.db, 'behind-new')).toEqual([]);
    expect(await readStream(database.db, 'behind')).toHaveLength(2);
  });

  it('given a stream at version 2, when a bulk append expects a version ahead of it, then it conflicts and leaves no gap', async () => {
    await appendToStream(database.db, 'ahead', 0, many(2));
    const attempt = appendToStreams(database.db, [
      { streamId: 'ahead-new', expectedVersion: 0, events: many(COPY_FROM_EVENTS) },
      { streamId: 'ahead', expectedVersion: 5, events: many(1) },
    ]);
    await expect(attempt).rejects.toMatchObject({ streamId: 'ahead', expectedVersion: 5 });
    expect(await readStream(database.db, 'ahead-new')).toEqual([]);
    expect((await readStream(database.db, 'ahead')).map((e) => e.streamVersion)).toEqual([1, 2]);
  });

  it('when two bulk appends race on the same stream and version, then exactly one is recorded', async () => {
    const outcomes = await Promise.allSettled([
      appendToStream(database.db, 'raced', 0, many(COPY_FROM_EVENTS)),
      appendToStream(database.db, 'raced', 0, many(COPY_FROM_EVENTS)),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = outcomes.find((o) => o.status === 'rejected');
    expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(StreamVersionConflict);
    expect(await readStream(database.db, 'raced')).toHaveLength(COPY_FROM_EVENTS);
  });

  it('when the caller needs no positions, then a bulk append in its transaction records the events and returns none', async () => {
    const result = await database.db.transaction().execute((trx) =>
      appendToStreams(
        trx,
        [{ streamId: 'no-positions', expectedVersion: 0, events: many(COPY_FROM_EVENTS) }],
        {
          positions: false,
        },
      ),
    );
    expect(result.positions).toEqual([]);
    expect(result.streamVersions.get('no-positions')).toBe(COPY_FROM_EVENTS);
    expect(await readStream(database.db, 'no-positions')).toHaveLength(COPY_FROM_EVENTS);
  });

  it('when a bulk append returns once sent, then its events are written by the time `written` resolves', async () => {
    const count = await database.db.transaction().execute(async (trx) => {
      const sent = await appendToStreams(
        trx,
        [{ streamId: 'sent', expectedVersion: 0, events: many(COPY_FROM_EVENTS) }],
        { positions: false, until: 'sent' },
      );
      expect(sent.written).toBeInstanceOf(Promise);
      await sent.written;
      return (await readStream(trx, 'sent')).length;
    });
    expect(count).toBe(COPY_FROM_EVENTS);
  });

  it('given a stream written by another writer meanwhile, when a bulk append returns once sent, then `written` fails with the conflict and nothing is written', async () => {
    await appendToStream(database.db, 'sent-raced', 0, many(1));
    const attempt = database.db.transaction().execute(async (trx) => {
      const sent = await appendToStreams(
        trx,
        [
          { streamId: 'sent-raced-new', expectedVersion: 0, events: many(COPY_FROM_EVENTS) },
          // Read before the other writer appended: the COPY's version 1 is taken.
          { streamId: 'sent-raced', expectedVersion: 0, events: many(1) },
        ],
        { positions: false, until: 'sent' },
      );
      await sent.written;
    });
    await expect(attempt).rejects.toBeInstanceOf(StreamVersionConflict);
    expect(await readStream(database.db, 'sent-raced-new')).toEqual([]);
  });
});
