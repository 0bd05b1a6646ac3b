import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import type { CatalogTarget } from '../../src/imports/import-catalog.ts';
import { loadImportCatalog } from '../../src/imports/load-catalog.ts';
import { openTestDatabase } from '../support/database.ts';

/** More indicators than two pages of the loader (5,000 rows a page), and three targets for most of them. */
const INDICATORS = 11_000;
const document = JSON.stringify({ kind: 'document', document: 'test.txt', section: 'test' });

let database: OpenDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  const { db } = database;
  const batches = <T>(items: T[], size = 1_000) =>
    Array.from({ length: Math.ceil(items.length / size) }, (_, n) => items.slice(n * size, (n + 1) * size));
  const indicators = Array.from({ length: INDICATORS }, (_, n) => ({
    code: `load-${String(n).padStart(5, '0')}`,
    name: `加载指标${n}`,
    category: '测试',
    unit: n % 3 === 0 ? '%' : '万户',
    kind: n % 3 === 0 ? 'ratio' : 'count',
    direction: 'increase',
    growth: 'linear',
    parts: JSON.stringify(n % 7 === 0 ? [{ code: 'urban', name: '城市' }] : []),
    aliases: JSON.stringify(n % 11 === 0 ? [`别名${n}`] : []),
  }));
  for (const batch of batches(indicators)) await db.insertInto('catalog_indicators').values(batch).execute();
  // Targets that share plan, region and indicator and differ in part, tier or year: the loader's pages follow
  // the whole primary key. Every tenth is withdrawn, and is not loaded.
  const targets = indicators.flatMap((indicator, n) =>
    [
      { part: '', tier: '', year: 2015 },
      { part: n % 7 === 0 ? 'urban' : '', tier: 'city', year: 2015 },
      { part: '', tier: '', year: 2013 },
    ].map((key, k) => ({
      plan_id: n % 2 === 0 ? 'load-plan-a' : 'load-plan-b',
      region_code: '320700',
      indicator_code: indicator.code,
      ...key,
      basis: 'level',
      comparator: k === 1 ? 'between' : 'gte',
      value: n + k / 10,
      upper: k === 1 ? n + 5 : null,
      unit: indicator.unit,
      source: document,
      revisions: '[]',
      withdrawn: (n + k) % 10 === 0 ? JSON.stringify({ reason: 'test' }) : null,
    })),
  );
  for (const batch of batches(targets)) await db.insertInto('catalog_targets').values(batch).execute();
}, 120_000);
afterAll(async () => {
  await database?.close();
});

describe('loading the catalog for an import', () => {
  it('given a catalog larger than the pages it is read in, loads every indicator and every standing target', async () => {
    const { db } = database;
    const catalog = await loadImportCatalog(db);

    const indicators = await db.selectFrom('catalog_indicators').selectAll().execute();
    expect(catalog.indicators.size).toBe(indicators.length);
    expect(indicators.length).toBeGreaterThanOrEqual(INDICATORS);
    for (const row of indicators) {
      expect(catalog.indicators.get(row.code)).toEqual({
        code: row.code,
        name: row.name,
        unit: row.unit,
        kind: row.kind,
        direction: row.direction,
        parts: row.parts,
        aliases: row.aliases,
      });
    }

    const standing = await db
      .selectFrom('catalog_targets')
      .selectAll()
      .where('withdrawn', 'is', null)
      .execute();
    const expected = standing.map(
      (t): CatalogTarget => ({
        planId: t.plan_id,
        regionCode: t.region_code,
        indicatorCode: t.indicator_code,
        part: t.part === '' ? null : t.part,
        tier: (t.tier === '' ? null : t.tier) as CatalogTarget['tier'],
        year: t.year,
        basis: t.basis,
        comparator: t.comparator as CatalogTarget['comparator'],
        value: Number(t.value),
        upper: t.upper === null ? null : Number(t.upper),
        unit: t.unit,
      }),
    );
    const order = (list: CatalogTarget[]) =>
      list.map((t) => JSON.stringify(t)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(catalog.targets.size).toBe(expected.length);
    expect(order([...catalog.targets])).toEqual(order(expected));
    expect(order(catalog.targets.of('load-00007'))).toEqual(
      order(expected.filter((t) => t.indicatorCode === 'load-00007')),
    );
    expect(catalog.targets.of('load-00007')).toContainEqual(
      expect.objectContaining({ part: 'urban', tier: 'city', comparator: 'between', value: 7.1, upper: 12 }),
    );
  });
});
