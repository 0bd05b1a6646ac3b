import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { getPlan, listPlans } from '../../src/projections/catalog/query.ts';
import { catchUpAll } from '../../src/projections/catch-up.ts';
import { projections } from '../../src/projections/index.ts';
import { seedCatalog } from '../../src/seeding/seed-catalog.ts';
import { readStream } from '../../src/store/index.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';

const countEvents = async (database: OpenDatabase) =>
  Number((await sql<{ n: number }>`SELECT count(*) AS n FROM events`.execute(database.db)).rows[0]?.n);

describe(`seeding the plan catalog (${testEngine})`, () => {
  let database: OpenDatabase;
  let firstRun: { appended: number };
  beforeAll(async () => {
    database = await openTestDatabase();
    firstRun = await seedCatalog(database.db);
    await catchUpAll(database.db, projections);
  });
  afterAll(() => database.close());

  it('given an empty log, when seeding, then the catalog is appended as events', async () => {
    expect(firstRun.appended).toBeGreaterThan(100);
    expect(await countEvents(database)).toBe(firstRun.appended);
  });

  it('given a seeded log, when seeding again, then nothing is appended', async () => {
    const before = await countEvents(database);
    expect(await seedCatalog(database.db)).toEqual({ appended: 0 });
    expect(await countEvents(database)).toBe(before);
  });

  it('then the plans of all five documents are listed with their regions', async () => {
    const plans = await listPlans(database.db);
    expect(plans.map((plan) => [plan.planId, plan.region.code, plan.region.name])).toEqual([
      ['changzhou-12fyp', '320400', '常州市'],
      ['jiangsu-12fyp', '320000', '江苏省'],
      ['lianyungang-12fyp', '320700', '连云港市'],
      ['qingdao-12fyp', '370200', '青岛市'],
    ]);
    const documents = new Set(plans.flatMap((plan) => plan.documents));
    expect([...documents].sort()).toEqual([
      '000_7f32ec414e3c4464.txt',
      '001_86a7a7d69309b317.txt',
      '002_c6a1998c8b76ab82.txt',
      '003_ba4abfd5d0d1c7a7.txt',
      '004_b35aa56265c80658.txt',
    ]);
    for (const plan of plans) expect(plan.counts.targets).toBeGreaterThan(5);
  });

  it("then Jiangsu's 2013 figure for electronic manufacturing revenue is a revision that keeps the 2012 one", async () => {
    const events = await readStream(database.db, 'plan-jiangsu-12fyp');
    const revision = events.find(
      (event) =>
        event.type === 'TargetRevised' &&
        (event.data as { indicatorCode: string }).indicatorCode === 'electronic-manufacturing-revenue',
    );
    expect(revision?.data).toMatchObject({
      regionCode: '320000',
      year: 2015,
      comparator: 'gt',
      value: 37000,
      unit: '亿元',
      previous: { value: 40000, unit: '亿元' },
      source: { kind: 'document', document: '003_ba4abfd5d0d1c7a7.txt' },
    });
    const plan = await getPlan(database.db, 'jiangsu-12fyp');
    const target = plan?.indicators
      .find((indicator) => indicator.code === 'electronic-manufacturing-revenue')
      ?.targets.find((t) => t.year === 2015 && t.part === null && t.tier === null);
    expect(target).toMatchObject({ value: 37000, comparator: 'gt' });
    expect(target?.revisions[0]).toMatchObject({ value: 40000 });
    expect(plan?.counts.revisedTargets).toBeGreaterThan(0);
  });

  it("then Lianyungang's 2010 baselines are reported values cited to 附件1", async () => {
    const events = await readStream(database.db, 'series-320700-informatization-index');
    expect(events.map((event) => [event.type, event.data])).toEqual([
      [
        'ValueReported',
        expect.objectContaining({
          year: 2010,
          comparator: 'eq',
          value: 0.62,
          source: expect.objectContaining({ document: '000_7f32ec414e3c4464.txt', printed: '0.62' }),
        }),
      ],
    ]);
    expect(events[0]?.metadata).toMatchObject({ actor: { kind: 'seed' } });
  });
});
