import type { ImportCatalog } from './import-catalog.ts';
import { type ImportContext, planOfRegion } from './import-context.ts';
import { ImportRequestError } from './import-request-error.ts';
import { IndicatorIndex } from './indicator-index.ts';

/**
 * The uploading region and the plan its sheet follows: the one asked for, or the region's own. A plan of a
 * region above (the province's, for a city) is allowed; a plan of an unrelated region is not.
 */
export function resolveContext(catalog: ImportCatalog, regionCode: string, planId?: string): ImportContext {
  const region = catalog.regions.get(regionCode);
  if (!region) {
    throw new ImportRequestError(
      422,
      'region_unknown',
      { zh: `目录中没有地区 ${regionCode}。`, en: `There is no region ${regionCode} in the catalog.` },
      'region',
    );
  }
  const base = { catalog, index: new IndicatorIndex(catalog.indicators), region };
  if (planId) {
    const plan = catalog.plans.get(planId);
    if (!plan) {
      throw new ImportRequestError(
        422,
        'plan_unknown',
        { zh: `目录中没有规划 ${planId}。`, en: `There is no plan ${planId} in the catalog.` },
        'plan',
      );
    }
    const ancestors = new Set<string>();
    for (
      let code: string | null | undefined = region.code;
      code;
      code = catalog.regions.get(code)?.parentCode
    ) {
      ancestors.add(code);
    }
    if (!ancestors.has(plan.regionCode)) {
      throw new ImportRequestError(
        422,
        'plan_not_for_region',
        {
          zh: `规划 ${planId} 属于地区 ${plan.regionCode}，不适用于 ${region.name}（${region.code}）。`,
          en: `Plan ${planId} belongs to region ${plan.regionCode}, not to ${region.name} (${region.code}).`,
        },
        'plan',
      );
    }
    return { ...base, plan };
  }
  const plan = planOfRegion(catalog, region.code);
  if (!plan) {
    // Only plans of the region or a region above it apply (as checked above): the hint names no other.
    const ancestors = new Set<string>();
    for (
      let code: string | null | undefined = region.code;
      code;
      code = catalog.regions.get(code)?.parentCode
    ) {
      ancestors.add(code);
    }
    const applicable = [...catalog.plans.values()]
      .filter((candidate) => ancestors.has(candidate.regionCode))
      .map((candidate) => candidate.planId)
      .sort()
      .join(', ');
    throw new ImportRequestError(
      422,
      'plan_required',
      applicable
        ? {
            zh: `${region.name}（${region.code}）没有自己的规划，请用 plan 指定表格所依据的规划（${applicable}）。`,
            en: `${region.name} (${region.code}) has no plan of its own; name the plan the sheet follows with plan (${applicable}).`,
          }
        : {
            zh: `${region.name}（${region.code}）没有自己的规划，也没有上级地区的规划适用，无法导入。`,
            en: `${region.name} (${region.code}) has no plan of its own and no plan of a region above it applies: nothing to import into.`,
          },
      'plan',
    );
  }
  return { ...base, plan };
}
