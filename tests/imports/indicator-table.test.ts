import { describe, expect, it } from 'vitest';
import type { CatalogIndicator } from '../../src/imports/import-catalog.ts';
import { IndicatorTable } from '../../src/imports/indicator-table.ts';
import { loadSeedCatalog } from '../../src/seeding/seed-catalog.ts';

const seedIndicators = (): CatalogIndicator[] =>
  loadSeedCatalog().indicators.map((i) => ({
    code: i.code,
    name: i.name,
    unit: i.unit,
    kind: i.kind,
    direction: i.direction,
    parts: i.parts,
    aliases: i.aliases,
  })) as CatalogIndicator[];

describe('the catalog indicators an import looks rows up in (IndicatorTable)', () => {
  it('given the seeded catalog, finds every indicator by its code, as it was loaded', () => {
    const indicators = seedIndicators();
    const table = IndicatorTable.of(indicators);
    expect(table.size).toBe(indicators.length);
    for (const indicator of indicators) {
      expect(table.get(indicator.code)).toEqual(indicator);
      expect(table.has(indicator.code)).toBe(true);
    }
    // Every indicator has its own row, 0 to size - 1.
    const rows = indicators.map((indicator) => table.rowOf(indicator.code));
    expect(new Set(rows).size).toBe(indicators.length);
    expect(Math.min(...rows)).toBe(0);
    expect(Math.max(...rows)).toBe(indicators.length - 1);
    expect([...table.values()]).toEqual(
      [...indicators].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    );
    expect([...table.keys()]).toEqual([...table.values()].map((indicator) => indicator.code));
  });

  it('finds no indicator for a code the catalog does not have', () => {
    const table = IndicatorTable.of(seedIndicators());
    for (const code of ['', 'no-such-indicator', '000', 'zzzzzzzz', '宽带']) {
      expect(table.get(code)).toBeUndefined();
      expect(table.has(code)).toBe(false);
      expect(table.rowOf(code)).toBe(-1);
    }
  });

  it('tells apart codes that share a beginning, differ in case or script, or are one another with more', () => {
    const codes = [
      'b',
      'a',
      'ab',
      'abc',
      'A',
      '市',
      '市1',
      'a b',
      'bench-row-10',
      'bench-row-1',
      'bench-row-100',
    ];
    const table = IndicatorTable.of(
      codes.map((code, n) => ({
        code,
        name: `指标${n}`,
        unit: n % 2 === 0 ? '%' : '万户',
        kind: n % 2 === 0 ? 'ratio' : 'count',
        direction: 'increase',
        parts: [],
        aliases: [],
      })),
    );
    for (const [n, code] of codes.entries()) {
      expect(table.get(code)).toMatchObject({ code, name: `指标${n}`, unit: n % 2 === 0 ? '%' : '万户' });
    }
    expect(table.get('ab ')).toBeUndefined();
    expect(table.get('bench-row-1000')).toBeUndefined();
  });

  it('given a national catalog of 84,000 indicators, finds each by its code with its own name and unit', () => {
    const table = IndicatorTable.of(
      (function* () {
        for (let n = 0; n < 84_000; n++) {
          yield {
            code: `bench-row-${n}`,
            name: `基准行指标${n}`,
            unit: n % 2 === 0 ? '%' : '万户',
            kind: n % 2 === 0 ? ('ratio' as const) : ('count' as const),
            direction: 'increase' as const,
            parts: [],
            aliases: [],
          };
        }
      })(),
    );
    expect(table.size).toBe(84_000);
    for (const n of [0, 1, 9, 10, 99, 12_345, 83_999]) {
      expect(table.get(`bench-row-${n}`)).toMatchObject({
        name: `基准行指标${n}`,
        unit: n % 2 === 0 ? '%' : '万户',
        kind: n % 2 === 0 ? 'ratio' : 'count',
      });
    }
    expect(table.get('bench-row-84000')).toBeUndefined();
  });
});
