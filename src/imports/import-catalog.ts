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

export interface ImportCatalog {
  regions: ReadonlyMap<string, CatalogRegion>;
  plans: ReadonlyMap<string, CatalogPlan>;
  indicators: ReadonlyMap<string, CatalogIndicator>;
  targets: readonly CatalogTarget[];
}
