import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCommands } from '../../src/commands/handle.ts';
import type { Database } from '../../src/database/schema.ts';
import type { AnyCommand } from '../../src/domain/decide.ts';
import type { Actor, EventMetadata } from '../../src/domain/vocabulary.ts';
import { progressInputsAsOf } from '../../src/projections/as-of.ts';
import { catchUp } from '../../src/projections/catch-up.ts';
import { projections } from '../../src/projections/index.ts';
import { computeRows, groupByPair } from '../../src/projections/progress/compute.ts';
import { rebuildProjections } from '../../src/projections/rebuild.ts';
import { openTestDatabase } from '../support/database.ts';
import { catchUpFully } from './catch-up-fully.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Kysely<Database>;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
});
afterAll(() => database?.close());

const tables = projections.flatMap((p) => p.tables);

/** Every row of every projection table, as text, in a stable order. */
async function snapshot(): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await db.selectFrom(table).selectAll().execute();
    result[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return result;
}

const actor: Actor = { kind: 'system', id: 'property', name: 'property test' };

/** A small catalog of its own for each generated history: two regions, a share and an amount with parts. */
function catalog(run: number, at: (i: number) => EventMetadata): AnyCommand[] {
  const region = (i: number) => String(110000 + run * 10 + i);
  const source = { kind: 'api' as const };
  const commands: AnyCommand[] = [0, 1].map((i) => ({
    type: 'RegisterRegion',
    data: { code: region(i), name: `region ${run}-${i}`, level: 'city', parentCode: null },
    metadata: at(0),
  }));
  commands.push(
    {
      type: 'DefineIndicator',
      data: {
        code: `share-${run}`,
        name: `share ${run}`,
        aliases: [],
        category: 'a',
        unit: '%',
        kind: 'ratio',
        direction: 'increase',
        growth: 'linear',
        parts: [],
        source,
      },
      metadata: at(0),
    },
    {
      type: 'DefineIndicator',
      data: {
        code: `amount-${run}`,
        name: `amount ${run}`,
        aliases: [],
        category: 'b',
        unit: '万户',
        kind: 'count',
        direction: 'decrease',
        growth: 'compound',
        parts: [{ code: 'x', name: 'x' }],
        source,
      },
      metadata: at(0),
    },
    {
      type: 'PublishPlan',
      data: {
        planId: `plan-${run}`,
        regionCode: region(0),
        title: 'plan',
        issuer: 'issuer',
        issuedOn: '2012-01-01',
        period: { start: 2011, end: 2015 },
        source: { kind: 'document', document: 'd.txt', section: 's' },
      },
      metadata: at(0),
    },
  );
  return commands;
}

const Op = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('report' as const),
      region: fc.integer({ min: 0, max: 1 }),
      indicator: fc.constantFrom('share', 'amount'),
      part: fc.constantFrom(null, 'x'),
      year: fc.integer({ min: 2009, max: 2016 }),
      value: fc.integer({ min: 0, max: 400 }),
      inHouseholds: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('retract' as const),
      region: fc.integer({ min: 0, max: 1 }),
      indicator: fc.constantFrom('share', 'amount'),
      part: fc.constantFrom(null, 'x'),
      year: fc.integer({ min: 2009, max: 2016 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('target' as const),
      region: fc.integer({ min: 0, max: 1 }),
      indicator: fc.constantFrom('share', 'amount'),
      part: fc.constantFrom(null, 'x'),
      year: fc.constantFrom(2012, 2015),
      basis: fc.constantFrom('level' as const, 'annual_growth' as const),
      comparator: fc.constantFrom('gte' as const, 'lte' as const, 'approx' as const),
      value: fc.integer({ min: 1, max: 300 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('catchUp' as const),
      batchSize: fc.integer({ min: 1, max: 7 }),
    }),
  },
);

let run = 0;

describe('rebuild', () => {
  it('gives the same tables as incremental application, for random histories and batch sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(Op, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 9 }),
        async (ops, finalBatch) => {
          run++;
          const at = (i: number): EventMetadata => ({
            actor,
            occurredAt: new Date(Date.UTC(2013, 0, 1) + i * 60_000).toISOString(),
          });
          const region = (i: number) => String(110000 + run * 10 + i);
          const current = new Set<string>();
          let pending: AnyCommand[] = catalog(run, at);
          const flush = async () => {
            if (pending.length) await handleCommands(db, pending);
            pending = [];
          };
          for (const [i, op] of ops.entries()) {
            if (op.kind === 'catchUp') {
              await flush();
              for (const projection of projections)
                await catchUp(db, projection, { batchSize: op.batchSize });
              continue;
            }
            const key = {
              regionCode: region(op.region),
              indicatorCode: `${op.indicator}-${run}`,
              part: op.indicator === 'amount' ? op.part : null,
            };
            const valueKey = `${key.regionCode}|${key.indicatorCode}|${key.part}|${'year' in op ? op.year : ''}`;
            if (op.kind === 'report') {
              const households = op.indicator === 'amount' && op.inHouseholds;
              pending.push({
                type: 'ReportValue',
                data: {
                  ...key,
                  year: op.year,
                  comparator: 'eq',
                  value: households ? op.value * 10_000 : op.value,
                  unit: op.indicator === 'share' ? '%' : households ? '户' : '万户',
                  source: { kind: 'api' },
                },
                metadata: at(i + 1),
              });
              current.add(valueKey);
            } else if (op.kind === 'retract') {
              if (!current.has(valueKey)) continue;
              pending.push({
                type: 'RetractValue',
                data: { ...key, year: op.year, reason: 'wrong', source: { kind: 'api' } },
                metadata: at(i + 1),
              });
              current.delete(valueKey);
            } else {
              pending.push({
                type: 'StateTarget',
                data: {
                  planId: `plan-${run}`,
                  ...key,
                  tier: null,
                  year: op.year,
                  basis: op.basis,
                  comparator: op.comparator,
                  value: op.value,
                  unit: op.basis === 'annual_growth' ? '%' : op.indicator === 'share' ? '%' : '万户',
                  source: { kind: 'api' },
                },
                metadata: at(i + 1),
              });
            }
          }
          await flush();
          await catchUpFully(db, { batchSize: finalBatch });
          const incremental = await snapshot();

          // the as-of fold computes the very rows the SQL projection stored
          const { inputs } = await progressInputsAsOf(db, new Date('2100-01-01'));
          const folded = computeRows(inputs.targets.values(), {
            ...inputs,
            valuesByPair: groupByPair(inputs.series.values()),
          });
          const stored = await db.selectFrom('progress_rows').select('doc').execute();
          expect(folded.map((r) => JSON.stringify(r)).sort()).toEqual(
            stored.map((r) => JSON.stringify(r.doc)).sort(),
          );

          await rebuildProjections(db, projections, { batchSize: finalBatch * 7 });
          // the rebuild, like any reader, may stop short of transactions still running elsewhere on the server
          await catchUpFully(db);
          expect(await snapshot()).toEqual(incremental);
        },
      ),
      { numRuns: 15 },
    );
  }, 300_000);

  it('keeps readers on the complete old tables until the swap, then serves the new ones', async () => {
    await catchUpFully(db);
    const before = await snapshot();
    const seen: Promise<number>[] = [];
    const result = await rebuildProjections(db, projections, {
      batchSize: 50,
      onProgress: () => {
        seen.push(
          db
            .selectFrom('progress_rows')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
            .then((r) => Number(r.n)),
        );
      },
    });
    expect(result.events).toBeGreaterThan(50);
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(await Promise.all(seen))).toEqual(new Set([before.progress_rows?.length]));
    await catchUpFully(db);
    expect(await snapshot()).toEqual(before);
    // the swapped-in tables carry the migration's index names
    const { rows } = await (await import('kysely')).sql<{ indexname: string }>`
      SELECT indexname FROM pg_indexes WHERE tablename = 'progress_rows' ORDER BY indexname`.execute(db);
    expect(rows.map((r) => r.indexname)).toEqual([
      'progress_rows_by_indicator',
      'progress_rows_by_pair',
      'progress_rows_pkey',
    ]);
  });
});
