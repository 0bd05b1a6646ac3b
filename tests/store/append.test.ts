import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { appendToStream, appendToStreams, readStream, StreamVersionConflict } from '../../src/store/index.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';

const event = (n: number) => ({ type: 'ValueReported', data: { n }, metadata: { actor: 'test' } });

describe(`appending with optimistic concurrency (${testEngine})`, () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('given a new stream, when appending at expected version 0, then events get versions 1..n and positions', async () => {
    const result = await appendToStream(database.db, 'a', 0, [event(1), event(2)]);
    expect(result.nextVersion).toBe(2);
    const events = await readStream(database.db, 'a');
    expect(events.map((e) => [e.streamVersion, e.data])).toEqual([
      [1, { n: 1 }],
      [2, { n: 2 }],
    ]);
    expect(events.map((e) => e.position)).toEqual(result.positions);
    expect(events[0]?.metadata).toEqual({ actor: 'test' });
  });

  it('given a stream at version 2, when appending with a stale expected version, then it conflicts and writes nothing', async () => {
    const error = await appendToStream(database.db, 'a', 1, [event(3)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamVersionConflict);
    expect(error).toMatchObject({ streamId: 'a', expectedVersion: 1, actualVersion: 2 });
    expect(await readStream(database.db, 'a')).toHaveLength(2);
  });

  it('given a stream at version 2, when expecting a version ahead of it, then it conflicts too', async () => {
    await expect(appendToStream(database.db, 'a', 5, [event(3)])).rejects.toBeInstanceOf(
      StreamVersionConflict,
    );
    expect(await readStream(database.db, 'a')).toHaveLength(2);
  });

  it('when appending to several streams and one is stale, then none of them is written', async () => {
    const attempt = appendToStreams(database.db, [
      { streamId: 'b', expectedVersion: 0, events: [event(1)] },
      { streamId: 'a', expectedVersion: 0, events: [event(9)] },
    ]);
    await expect(attempt).rejects.toMatchObject({ streamId: 'a', actualVersion: 2 });
    expect(await readStream(database.db, 'b')).toEqual([]);
  });

  it("when appending with 'any', then it appends after whatever the stream holds", async () => {
    const result = await appendToStream(database.db, 'a', 'any', [event(3)]);
    expect(result.nextVersion).toBe(3);
  });

  it('when two writers race on the same expected version, then exactly one wins', async () => {
    const racers = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => appendToStream(database.db, 'race', 0, [event(i)])),
    );
    const won = racers.filter((r) => r.status === 'fulfilled');
    const lost = racers.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    for (const loss of lost)
      expect((loss as PromiseRejectedResult).reason).toBeInstanceOf(StreamVersionConflict);
    expect(await readStream(database.db, 'race')).toHaveLength(1);
  });
});
