import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { appendToStream, readStream } from '../../src/store/index.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';

describe(`the events table refuses change (${testEngine})`, () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
    await appendToStream(database.db, 'series-320700-x', 0, [
      { type: 'ValueReported', data: { value: 1 }, metadata: {} },
    ]);
  });
  afterAll(() => database.close());

  it.each([
    ['UPDATE', sql`UPDATE events SET data = '{"value": 2}'`],
    ['DELETE', sql`DELETE FROM events`],
    ['TRUNCATE', sql`TRUNCATE events`],
  ])(
    'given a recorded event, when raw SQL issues %s, then the database raises and the event stays',
    async (op, statement) => {
      await expect(statement.execute(database.db)).rejects.toMatchObject({
        code: 'PMA01',
        message: `events are append-only: ${op} is refused`,
      });
      const events = await readStream(database.db, 'series-320700-x');
      expect(events.map((e) => e.data)).toEqual([{ value: 1 }]);
    },
  );
});
