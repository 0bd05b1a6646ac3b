import { describe, expect, it } from 'vitest';
import type { CatalogTarget } from '../../src/imports/import-catalog.ts';
import { IndicatorTable } from '../../src/imports/indicator-table.ts';
import { TargetTable } from '../../src/imports/target-table.ts';
import { seedCatalogTargets, seedImportCatalog } from './support/seed-import-catalog.ts';

/** A target as the importer sees it: the fields of CatalogTarget, a missing upper bound as null. */
const asLoaded = (t: CatalogTarget): CatalogTarget => ({
  planId: t.planId,
  regionCode: t.regionCode,
  indicatorCode: t.indicatorCode,
  part: t.part,
  tier: t.tier,
  year: t.year,
  basis: t.basis,
  comparator: t.comparator,
  value: t.value,
  upper: t.upper ?? null,
  unit: t.unit,
});

describe("the catalog targets an import compares a sheet's targets with (TargetTable)", () => {
  const catalog = seedImportCatalog();
  const loaded = seedCatalogTargets().map(asLoaded);

  it('given the seeded plans, gives each indicator its targets as they were loaded, in their order', () => {
    // Loaded in another order than the table keeps them: by plan, year descending.
    const shuffled = [...loaded].sort((a, b) => a.planId.localeCompare(b.planId) || b.year - a.year);
    const table = TargetTable.of(shuffled, catalog.indicators);
    expect(table.size).toBe(loaded.length);
    for (const indicator of catalog.indicators.values()) {
      expect(table.of(indicator.code)).toEqual(shuffled.filter((t) => t.indicatorCode === indicator.code));
    }
    expect([...table].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      [...shuffled].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });

  it('keeps a range target with its upper bound, and part and tier as given', () => {
    const indicators = IndicatorTable.of([
      {
        code: 'x',
        name: '电子商务平台',
        unit: '个',
        kind: 'count',
        direction: 'increase',
        parts: [],
        aliases: [],
      },
    ]);
    const range: CatalogTarget = {
      planId: 'p',
      regionCode: '320700',
      indicatorCode: 'x',
      part: 'urban',
      tier: 'city',
      year: 2015,
      basis: 'level',
      comparator: 'between',
      value: 3,
      upper: 5,
      unit: '个',
    };
    const level = { ...range, part: null, tier: null, comparator: 'gte' as const, value: 0.5, upper: null };
    expect(TargetTable.of([range, level], indicators).of('x')).toEqual([range, level]);
  });

  it('keeps a target of an indicator the catalog lacks as it is, and finds none for an indicator without any', () => {
    const [first] = loaded;
    if (!first) throw new Error('the seeds have targets');
    const stray = { ...first, indicatorCode: 'not-in-the-catalog' };
    const table = TargetTable.of([...loaded, stray], catalog.indicators);
    expect(table.of('not-in-the-catalog')).toEqual([stray]);
    expect(table.size).toBe(loaded.length + 1);
    expect([...table]).toContainEqual(stray);
    const without = [...catalog.indicators.values()].find(
      (i) => !loaded.some((t) => t.indicatorCode === i.code),
    );
    if (without) expect(table.of(without.code)).toEqual([]);
  });
});
