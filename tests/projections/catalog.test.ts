import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { catalogProjection } from '../../src/projections/catalog/apply.ts';
import { catchUp } from '../../src/projections/catch-up.ts';
import { rebuildProjections } from '../../src/projections/rebuild.ts';
import { seedCatalog } from '../../src/seeding/seed-catalog.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';

/** The catalog's target rows with their citations and revisions, by key. */
async function targetRows(database: OpenDatabase) {
  const rows = await database.db
    .selectFrom('catalog_targets')
    .select(['plan_id', 'region_code', 'indicator_code', 'part', 'tier', 'year', 'basis', 'value'])
    .select(['source', 'citations', 'revisions'])
    .orderBy('plan_id')
    .orderBy('region_code')
    .orderBy('indicator_code')
    .orderBy('part')
    .orderBy('tier')
    .orderBy('year')
    .orderBy('basis')
    .execute();
  const documentsOf = (sources: Record<string, unknown>[]) =>
    sources.map((s) => String(s.document).slice(0, 3));
  return rows.map((row) => ({
    key: [row.plan_id, row.region_code, row.indicator_code, row.part, row.tier, row.year, row.basis].join(
      '|',
    ),
    value: row.value,
    source: row.source.printed,
    cited: documentsOf(row.citations),
    printed: row.citations.map((c) => c.printed),
    revisedFrom: documentsOf(row.revisions.map((r) => r.source as Record<string, unknown>)),
  }));
}

describe(`the catalog read model keeps every citation of a target (${testEngine})`, () => {
  let database: OpenDatabase;
  let oneAtATime: Awaited<ReturnType<typeof targetRows>>;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedCatalog(database.db);
    // One event per batch: a restatement arrives alone and must add to the citations already stored
    await catchUp(database.db, catalogProjection, { batchSize: 1 });
    oneAtATime = await targetRows(database);
  });
  afterAll(() => database?.close());

  it('given a table row restated in the prose, then the target lists both places, the table first', () => {
    const row = oneAtATime.find(
      (r) => r.key === 'lianyungang-12fyp|320700|digital-campus-coverage|||2015|level',
    );
    expect(row).toMatchObject({ value: 50, cited: ['000', '000', '000'] });
    expect(row?.printed).toEqual(['50', '建成综合数字化校园达50%', '50%的学校建成综合数字化校园']);
    // the first statement stays the target's source
    expect(row?.source).toBe('50');
  });

  it("given 004 and 001's province column stating the same value, then a revision by 003 starts the citations over", () => {
    const row = oneAtATime.find(
      (r) => r.key === 'jiangsu-12fyp|320000|enterprise-it-application-ratio|||2015|level',
    );
    expect(row).toMatchObject({ value: 60, cited: ['003'], revisedFrom: ['004'] });
  });

  it('given the same log replayed in one batch (a rebuild), then every row is the same', async () => {
    await rebuildProjections(database.db, [catalogProjection]);
    expect(await targetRows(database)).toEqual(oneAtATime);
  });
});
