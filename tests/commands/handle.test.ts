import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCommands } from '../../src/commands/handle.ts';
import type { OpenDatabase } from '../../src/database/connect.ts';
import type { ReportValue } from '../../src/domain/commands.ts';
import { readStream } from '../../src/store/index.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';

const report = (year: number, value: number, regionCode = '320700'): ReportValue => ({
  type: 'ReportValue',
  data: {
    regionCode,
    indicatorCode: 'broadband-penetration',
    part: null,
    year,
    comparator: 'eq',
    value,
    unit: '%',
    source: { kind: 'api', requestId: 'r1' },
  },
  metadata: { actor: { kind: 'cli', id: 'test', name: 'test' }, occurredAt: '2013-02-01T00:00:00Z' },
});

describe(`handling commands (${testEngine})`, () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('when several commands hit one stream, then each sees the effect of the one before, in one append', async () => {
    const { eventsByCommand, positions } = await handleCommands(database.db, [
      report(2011, 40),
      report(2011, 40),
      report(2011, 45),
    ]);
    expect(eventsByCommand.map((events) => events.map((e) => e.type))).toEqual([
      ['ValueReported'],
      [],
      ['ValueRevised'],
    ]);
    expect(positions).toHaveLength(2);
    expect(
      (await readStream(database.db, 'series-320700-broadband-penetration')).map((e) => e.streamVersion),
    ).toEqual([1, 2]);
  });

  it('when one command would record an event its schema refuses, then nothing of the batch is written', async () => {
    const before = (await sql<{ n: number }>`SELECT count(*) AS n FROM events`.execute(database.db)).rows[0]
      ?.n;
    await expect(handleCommands(database.db, [report(2012, 50), report(2012, 51, '32070')])).rejects.toThrow(
      /six-digit GB\/T 2260 code/,
    );
    const after = (await sql<{ n: number }>`SELECT count(*) AS n FROM events`.execute(database.db)).rows[0]
      ?.n;
    expect(after).toBe(before);
  });
});
