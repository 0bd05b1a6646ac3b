import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCommands } from '../../src/commands/handle.ts';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { catalogCommands, type SeedCatalog } from '../../src/domain/catalog/seed-files.ts';
import type { EventOf } from '../../src/domain/events.ts';
import { getPlan } from '../../src/projections/catalog/query.ts';
import { catchUpAll } from '../../src/projections/catch-up.ts';
import { projections } from '../../src/projections/index.ts';
import { rebuildProjections } from '../../src/projections/rebuild.ts';
import { loadSeedCatalog, SEED_ACTOR, seedCatalog } from '../../src/seeding/seed-catalog.ts';
import { readStream } from '../../src/store/index.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';

/**
 * A log seeded by an earlier version of the catalog gets this round's corrections as new events, never edited
 * ones: the range 3到5个 recorded as its floor (≥3) becomes a range, Qingdao's 2012 target of 数字电视用户 (the
 * first seed's reading of 数字电视用户终端数突破240万, terminals) is withdrawn, and the prose's own wording of two
 * targets (超过20亿元, 超过2000亿元) becomes a citation of each.
 */

/** Targets this round added (new facts, not corrections): an earlier seed did not state them. */
const added = new Set([
  'park-pillar-industries',
  'park-featured-industry-clusters',
  'informatization-group-meetings',
]);

/** The catalog as an earlier seed stated it. */
function earlierCatalog(): SeedCatalog {
  const current = loadSeedCatalog();
  return {
    ...current,
    documents: current.documents.map(({ withdrawals: _, ...doc }) => ({
      ...doc,
      targets: [
        ...doc.targets
          .filter((t) => !added.has(t.indicatorCode))
          .map(({ upper: __, ...t }) => ({
            ...t,
            comparator: t.comparator === 'between' ? ('gte' as const) : t.comparator,
            restated: t.restated?.filter((c) => c.comparator === undefined),
          })),
        ...(doc.document.startsWith('002')
          ? [
              {
                planId: 'qingdao-12fyp',
                regionCode: '370200',
                indicatorCode: 'digital-tv-users',
                part: null,
                tier: null,
                year: 2012,
                basis: 'level' as const,
                comparator: 'gt' as const,
                value: 240,
                unit: '万户',
                section: '二、(三) 发展目标 具体目标 ——三网融合',
                printed: '数字电视用户终端数突破240万',
              },
            ]
          : []),
      ],
    })),
  };
}

const tvRows = async (database: OpenDatabase) =>
  database.db
    .selectFrom('progress_rows')
    .select(['year'])
    .where('region_code', '=', '370200')
    .where('indicator_code', '=', 'digital-tv-users')
    .execute();

const lastPosition = async (database: OpenDatabase) =>
  Number(
    (
      await database.db
        .selectFrom('events')
        .select((eb) => eb.fn.max('position').as('last'))
        .executeTakeFirstOrThrow()
    ).last,
  );

const catalogRows = (database: OpenDatabase) =>
  database.db
    .selectFrom('catalog_targets')
    .selectAll()
    .orderBy('plan_id')
    .orderBy('indicator_code')
    .orderBy('region_code')
    .orderBy('year')
    .orderBy('basis')
    .orderBy('part')
    .orderBy('tier')
    .execute();

describe(`seeding a log an earlier catalog seeded (${testEngine})`, () => {
  let database: OpenDatabase;
  let appended: number;
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db
      .transaction()
      .execute((trx) => handleCommands(trx, catalogCommands(earlierCatalog(), SEED_ACTOR)));
    await catchUpAll(database.db, projections);
  });
  afterAll(() => database.close());

  it('given the earlier log, then Qingdao has a 2012 digital-tv-users target measured by progress', async () => {
    const plan = await getPlan(database.db, 'qingdao-12fyp');
    const tv = plan?.indicators.find((i) => i.code === 'digital-tv-users');
    expect(tv?.targets.map((t) => [t.year, t.comparator, t.value])).toEqual([[2012, 'gt', 240]]);
    expect(await tvRows(database)).toEqual([{ year: 2012 }]);
  });

  it('when the current catalog is seeded, then the range, the withdrawal and the restatements are appended, once', async () => {
    const earlier = {
      lianyungang: (await readStream(database.db, 'plan-lianyungang-12fyp')).length,
      qingdao: (await readStream(database.db, 'plan-qingdao-12fyp')).length,
      position: await lastPosition(database),
    };
    appended = (await seedCatalog(database.db)).appended;
    await catchUpAll(database.db, projections);
    expect(await seedCatalog(database.db)).toEqual({ appended: 0 });
    const lianyungang = (await readStream(database.db, 'plan-lianyungang-12fyp')).slice(earlier.lianyungang);
    const qingdao = (await readStream(database.db, 'plan-qingdao-12fyp')).slice(earlier.qingdao);
    const recent = [...lianyungang, ...qingdao];
    const types = (indicator: string) =>
      recent
        .filter((e) => (e.data as { indicatorCode?: string }).indicatorCode === indicator)
        .map((e) => e.type);
    // the range revises the floor; the prose place stating it is cited again (a revision starts citations over)
    expect(types('industry-ecommerce-platforms')).toEqual(['TargetRevised', 'TargetRestated']);
    expect(types('digital-tv-users')).toEqual(['TargetWithdrawn']);
    expect(types('information-services-revenue')).toEqual(['TargetRestated']);
    expect(types('ecommerce-transaction-volume')).toEqual(['TargetRestated']);
    // Nothing else changes value: the range is the only revision; the rest is new facts and citations.
    const all = await database.db
      .selectFrom('events')
      .select(['event_type'])
      .where('position', '>', earlier.position)
      .execute();
    expect(all).toHaveLength(appended);
    const counts = new Map<string, number>();
    for (const { event_type } of all) counts.set(event_type, (counts.get(event_type) ?? 0) + 1);
    expect(counts.get('TargetRevised')).toBe(1);
    expect(counts.get('TargetWithdrawn')).toBe(1);
    // the restatements with their own bound: 2 in the first batch, Changzhou's 8 city targets, and the range's
    // prose place cited again after its revision
    expect(counts.get('TargetRestated')).toBe(11);
    const revision = lianyungang.find(
      (e) => e.type === 'TargetRevised',
    ) as unknown as EventOf<'TargetRevised'>;
    expect(revision.data).toMatchObject({
      comparator: 'between',
      value: 3,
      upper: 5,
      previous: { comparator: 'gte', value: 3 },
    });
    const withdrawal = qingdao.find(
      (e) => e.type === 'TargetWithdrawn',
    ) as unknown as EventOf<'TargetWithdrawn'>;
    expect(withdrawal.data).toMatchObject({
      year: 2012,
      previous: { comparator: 'gt', value: 240, unit: '万户' },
      reason: expect.stringContaining('Withdrawn (issue 13)'),
    });
    expect(withdrawal.metadata.occurredAt).toBe('2026-12-06T00:00:00+08:00');
  });

  it('then the plan no longer lists the withdrawn target and progress stops measuring it; the history keeps it', async () => {
    const plan = await getPlan(database.db, 'qingdao-12fyp');
    expect(plan?.indicators.find((i) => i.code === 'digital-tv-users')).toBeUndefined();
    expect(plan?.indicators.find((i) => i.code === 'digital-tv-terminals')?.targets).toHaveLength(1);
    expect(await tvRows(database)).toEqual([]);
    const stored = await database.db
      .selectFrom('catalog_targets')
      .select(['withdrawn'])
      .where('indicator_code', '=', 'digital-tv-users')
      .executeTakeFirst();
    expect(stored?.withdrawn).toMatchObject({ reason: expect.stringContaining('terminals') });
  });

  it('then the range keeps both bounds and the prose wording is a citation with its own value', async () => {
    const plan = await getPlan(database.db, 'lianyungang-12fyp');
    const platforms = plan?.indicators.find((i) => i.code === 'industry-ecommerce-platforms')?.targets[0];
    expect(platforms).toMatchObject({ comparator: 'between', value: 3, upper: 5 });
    expect(platforms?.revisions).toEqual([expect.objectContaining({ comparator: 'gte', value: 3 })]);
    const services = plan?.indicators.find((i) => i.code === 'information-services-revenue')?.targets[0];
    expect(services).toMatchObject({ comparator: 'gte', value: 20 });
    expect(services?.citations.map((c) => c.stated ?? null)).toEqual([
      null,
      { comparator: 'gt', value: 20, unit: '亿元' },
    ]);
  });

  it('then a rebuild from the log gives the same catalog rows', async () => {
    const before = await catalogRows(database);
    await rebuildProjections(database.db, projections);
    const after = await catalogRows(database);
    const comparable = (rows: typeof before) =>
      rows.map(({ revisions, withdrawn, ...row }) => ({
        ...row,
        revisions: revisions.map(({ revisedAt: _, ...r }) => r),
        withdrawn: withdrawn ? { reason: withdrawn.reason, source: withdrawn.source } : null,
      }));
    expect(comparable(after)).toEqual(comparable(before));
  });
});
