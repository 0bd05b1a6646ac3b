import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { readEndOfLog } from '../../src/store/index.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';

describe(`the end of the log across a power of ten in transaction ids (${testEngine})`, () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  it('given events of transactions 999 and 1000, then the end is the event of 1000 (xid order, not text order)', async () => {
    // Transaction ids written by hand: the only way to place events on both sides of 999 → 1000 in a test.
    for (const [xid, version] of [
      ['999', 1],
      ['1000', 2],
    ] as const) {
      await sql`
        INSERT INTO events (transaction_id, stream_id, stream_version, event_type, data)
        VALUES (${xid}::xid8, 'probe', ${version}, 'Probe', '{}')`.execute(database.db);
    }
    const end = await readEndOfLog(database.db);
    expect(end?.transactionId).toBe('1000');
  });
});
