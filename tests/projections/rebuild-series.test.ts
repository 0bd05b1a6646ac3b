import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCommands } from '../../src/commands/handle.ts';
import type { Database } from '../../src/database/schema.ts';
import type { AnyCommand } from '../../src/domain/decide.ts';
import type { Actor, EventMetadata } from '../../src/domain/vocabulary.ts';
import { projections } from '../../src/projections/index.ts';
import { rebuildProjections } from '../../src/projections/rebuild.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';
import { catchUpFully } from './catch-up-fully.ts';

// A rebuild folds the series values on the server (src/projections/series/write-from-log.ts) while the catch-up
// folds them here: the two must agree on what JSON makes hard (numbers in exponent form, escapes, other scripts).

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Kysely<Database>;
beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
});
afterAll(() => database?.close());

const actor: Actor = { kind: 'system', id: 'series-test', name: 'series test' };
const at = (minute: number): EventMetadata => ({
  actor,
  occurredAt: new Date(Date.UTC(2014, 2, 1) + minute * 60_000).toISOString(),
});
const note = 'a "quoted" \\ backslash,\ttab,\nnewline and 中文 ✓';
const awkward = [0.1 + 0.2, 1e21, 1.5e-7, -12.25, 123456789.123456, 0, 4e-320];

async function valueRows() {
  const rows = await db.selectFrom('series_values').selectAll().execute();
  return rows.map((row) => JSON.stringify(row)).sort();
}

describe(`a rebuild's series values (${testEngine})`, () => {
  it('given values with awkward numbers, revised and retracted, with notes full of escapes, then a rebuild writes what the catch-up wrote', async () => {
    const key = { regionCode: '130100', indicatorCode: 'awkward-amount', part: null };
    const commands: AnyCommand[] = [
      {
        type: 'RegisterRegion',
        data: { code: '130100', name: '石家庄市', level: 'city', parentCode: null },
        metadata: at(0),
      },
      {
        type: 'DefineIndicator',
        data: {
          code: 'awkward-amount',
          name: '数值',
          aliases: [],
          category: 'a',
          unit: '万户',
          kind: 'count',
          direction: 'increase',
          growth: 'linear',
          parts: [],
          source: { kind: 'api' },
        },
        metadata: at(0),
      },
      ...awkward.map(
        (value, i): AnyCommand => ({
          type: 'ReportValue',
          data: {
            ...key,
            year: 2010 + i,
            comparator: 'eq',
            value,
            unit: '万户',
            source: { kind: 'api', note },
          },
          metadata: at(1 + i),
        }),
      ),
      {
        type: 'ReportValue',
        data: {
          ...key,
          year: 2010,
          comparator: 'gte',
          value: 7e-9,
          unit: '户',
          source: { kind: 'api', note },
        },
        metadata: at(20),
      },
      {
        type: 'RetractValue',
        data: { ...key, year: 2011, reason: '错了 "wrong"', source: { kind: 'api', note } },
        metadata: at(21),
      },
    ];
    for (const command of commands) await handleCommands(db, [command]);
    await catchUpFully(db);
    const incremental = await valueRows();
    expect(incremental).toHaveLength(awkward.length);
    expect(incremental.join('\n')).toContain('"revisions":1');

    await rebuildProjections(db, projections);
    await catchUpFully(db);
    expect(await valueRows()).toEqual(incremental);
  });
});
