import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { catchUpAll } from '../../src/projections/catch-up.ts';
import { projections } from '../../src/projections/index.ts';
import { appendToStreams } from '../../src/store/index.ts';
import { catalogEvents, valueEvents } from '../bench/support/national.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';

/** Events grouped by stream, in order, as one all-or-nothing append. */
async function appendAll(database: OpenDatabase, recorded: Iterable<{ streamId: string; event: object }>) {
  const byStream = new Map<string, object[]>();
  for (const { streamId, event } of recorded)
    byStream.set(streamId, [...(byStream.get(streamId) ?? []), event]);
  await appendToStreams(
    database.db,
    [...byStream].map(([streamId, events]) => ({
      streamId,
      expectedVersion: 'any' as const,
      events: events as { type: string; data: object; metadata: object }[],
    })),
  );
}

describe(`a catch-up batch touching thousands of region × indicator pairs (${testEngine})`, () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  it('given 400 pairs with targets and 2,000 values in one batch, when caught up, then every row is there and the next transaction runs', async () => {
    const provinces = [41];
    await appendAll(database, catalogEvents({ indicators: 4, targetIndicators: 4, provinces }));
    await appendAll(database, valueEvents({ indicators: 4, revisions: 0, provinces }));

    await catchUpAll(database.db, projections);

    const count = async (table: 'progress_rows' | 'progress_targets' | 'series_values') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    expect(await count('progress_targets')).toBe(400);
    expect(await count('progress_rows')).toBe(400);
    expect(await count('series_values')).toBe(2_000);
    // PGlite lost its transaction state after a 300-pair row-value IN list: the next BEGIN failed.
    const next = await database.db
      .transaction()
      .execute((trx) => sql<{ one: number }>`SELECT 1 AS one`.execute(trx));
    expect(next.rows).toEqual([{ one: 1 }]);
  });
});
