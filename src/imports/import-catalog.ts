import type { Comparator, Direction, IndicatorKind, Tier } from '../domain/vocabulary.ts';

/** What the importer needs to know of the catalog: who reports, which plan, which indicators, which targets. */
export interface CatalogRegion {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export interface CatalogPlan {
  planId: string;
  regionCode: string;
  period: { start: number; end: number };
}

export interface CatalogIndicator {
  code: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  direction: Direction;
  parts: { code: string; name: string }[];
  aliases: string[];
}

export interface CatalogTarget {
  planId: string;
  regionCode: string;
  indicatorCode: string;
  part: string | null;
  tier: Tier;
  year: number;
  basis: string;
  comparator: Comparator;
  value: number;
  /** A range's upper bound (between); absent or null otherwise. */
  upper?: number | null | undefined;
  unit: string;
}

/** The catalog's indicators by code (src/imports/indicator-table.ts keeps a national catalog's compact). */
export interface CatalogIndicators {
  readonly size: number;
  get(code: string): CatalogIndicator | undefined;
  has(code: string): boolean;
  /** The indicator's row: a number from 0 to size - 1 for each code of the catalog, -1 for any other. */
  rowOf(code: string): number;
  /** Codes and indicators in row order. */
  keys(): Iterable<string>;
  values(): Iterable<CatalogIndicator>;
}

/** The catalog's targets (src/imports/target-table.ts), grouped by indicator. */
export interface CatalogTargets extends Iterable<CatalogTarget> {
  readonly size: number;
  /** The targets of one indicator, in the order they were loaded. */
  of(indicatorCode: string): CatalogTarget[];
}

export interface ImportCatalog {
  regions: ReadonlyMap<string, CatalogRegion>;
  plans: ReadonlyMap<string, CatalogPlan>;
  indicators: CatalogIndicators;
  targets: CatalogTargets;
}
