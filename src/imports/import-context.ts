import type { ImportLocks } from './check-periods.ts';
import type { CatalogPlan, CatalogRegion, ImportCatalog } from './import-catalog.ts';
import type { IndicatorIndex } from './indicator-index.ts';

/** Who is uploading, against which plan, and the catalog to match rows and check targets against. */
export interface ImportContext {
  catalog: ImportCatalog;
  index: IndicatorIndex;
  region: CatalogRegion;
  plan: CatalogPlan;
  /** Which years approval has locked (src/imports/check-periods.ts); none checked when absent. */
  periods?: ImportLocks;
}

/** The province a region belongs to (itself if it is one). */
export function provinceOf(context: ImportContext): CatalogRegion | undefined {
  let region: CatalogRegion | undefined = context.region;
  for (let depth = 0; region && depth < 5; depth++) {
    if (region.level === 'province') return region;
    region = region.parentCode ? context.catalog.regions.get(region.parentCode) : undefined;
  }
  return undefined;
}

/** A region's plan: the first in id order, as a region has one plan per five-year period. */
export function planOfRegion(catalog: ImportCatalog, regionCode: string): CatalogPlan | undefined {
  return [...catalog.plans.values()]
    .filter((plan) => plan.regionCode === regionCode)
    .sort((a, b) => a.planId.localeCompare(b.planId))[0];
}
