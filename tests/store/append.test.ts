import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import {
  appendToStream,
  appendToStreams,
  readStream,
  readStreams,
  StreamVersionConflict,
} from '../../src/store/index.ts';
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

  it('when appending to several streams, then each gets its next versions, and positions come in the order given', async () => {
    await appendToStream(database.db, 'm1', 0, [event(1)]);
    const result = await appendToStreams(database.db, [
      { streamId: 'm2', expectedVersion: 0, events: [event(1), event(2)] },
      { streamId: 'm1', expectedVersion: 1, events: [event(2)] },
      { streamId: 'm3', expectedVersion: 'any', events: [event(1)] },
    ]);
    expect(Object.fromEntries(result.streamVersions)).toEqual({ m1: 2, m2: 2, m3: 1 });
    const read = await readStreams(database.db, ['m1', 'm2', 'm3']);
    const positionOf = (stream: string, version: number) =>
      read.get(stream)?.find((e) => e.streamVersion === version)?.position;
    expect(result.positions).toEqual([
      positionOf('m2', 1),
      positionOf('m2', 2),
      positionOf('m1', 2),
      positionOf('m3', 1),
    ]);
    expect(read.get('m2')?.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('when one of several streams expects a version ahead of it, then none is written', async () => {
    const attempt = appendToStreams(database.db, [
      { streamId: 'ahead-new', expectedVersion: 0, events: [event(1)] },
      { streamId: 'm1', expectedVersion: 7, events: [event(3)] },
    ]);
    await expect(attempt).rejects.toMatchObject({ streamId: 'm1', expectedVersion: 7, actualVersion: 2 });
    expect(await readStream(database.db, 'ahead-new')).toEqual([]);
  });

  it('given an append larger than one statement, when its last stream is stale, then nothing of it is written', async () => {
    const big = Array.from({ length: 30 }, (_, s) => ({
      streamId: `big-${s}`,
      expectedVersion: 0 as const,
      events: Array.from({ length: 200 }, (_, n) => event(n)),
    }));
    const attempt = appendToStreams(database.db, [
      ...big,
      { streamId: 'm1', expectedVersion: 0, events: [event(1)] },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(StreamVersionConflict);
    expect(await readStream(database.db, 'big-0')).toEqual([]);

    const result = await appendToStreams(database.db, big);
    expect(result.positions).toHaveLength(6_000);
    expect(result.positions).toEqual([...result.positions].sort((a, b) => a - b));
    expect(result.streamVersions.get('big-29')).toBe(200);
    expect((await readStream(database.db, 'big-29')).map((e) => e.data)).toEqual(
      big[29]?.events.map((e) => e.data),
    );
  });

  it("when appending inside a caller's transaction that rolls back, then nothing is written", async () => {
    const rollback = new Error('rollback');
    const attempt = database.db.transaction().execute(async (trx) => {
      await appendToStream(trx, 'in-trx', 0, [event(1)]);
      await appendToStreams(trx, [{ streamId: 'in-trx-2', expectedVersion: 0, events: [event(1)] }]);
      throw rollback;
    });
    await expect(attempt).rejects.toBe(rollback);
    expect(await readStream(database.db, 'in-trx')).toEqual([]);
    expect(await readStream(database.db, 'in-trx-2')).toEqual([]);
  });
});
