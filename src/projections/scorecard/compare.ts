import type { Comparator } from '../../domain/vocabulary.ts';
import { valueInUnit } from '../progress/in-unit.ts';
import type { IndicatorDoc, RegionDoc } from '../progress/inputs.ts';
import { cmp, type ProgressRow } from '../progress/row.ts';
import type { SeriesValue } from '../series/value.ts';

export interface Comparison {
  indicator: IndicatorDoc;
  /** The year compared; null when the indicator has no value at all. */
  year: number | null;
  /** The unit of every value: the indicator's. */
  unit: string;
  regions: {
    region: { code: string; name: string | null };
    part: string | null;
    value: number | null;
    comparator: Comparator | null;
    stated?: { value: number; unit: string };
    revised: boolean;
    targets: {
      planId: string;
      tier: string | null;
      year: number;
      basis: string;
      comparator: Comparator;
      value: number;
      upper?: number;
      unit: string;
      status: ProgressRow['status'];
      ratio: number | null;
    }[];
  }[];
}

/**
 * One indicator across regions for a year: each region's (and part's) value that year in the indicator's unit,
 * with that region's targets for it and their status. Regions with a target but no value that year are listed
 * with value null.
 */
export function compareOf(
  indicator: IndicatorDoc,
  year: number | null,
  values: readonly SeriesValue[],
  rows: readonly ProgressRow[],
  regions: readonly RegionDoc[],
): Comparison {
  const names = new Map(regions.map((r) => [r.code, r.name]));
  const entries = new Map<string, Comparison['regions'][number]>();
  const entry = (regionCode: string, part: string | null) => {
    const key = `${regionCode}|${part ?? ''}`;
    let found = entries.get(key);
    if (!found) {
      found = {
        region: { code: regionCode, name: names.get(regionCode) ?? null },
        part,
        value: null,
        comparator: null,
        revised: false,
        targets: [],
      };
      entries.set(key, found);
    }
    return found;
  };
  for (const v of values) {
    if (v.year !== year || !v.current) continue;
    Object.assign(entry(v.regionCode, v.part), valueInUnit(v, indicator.unit), { revised: v.revisions > 0 });
  }
  for (const row of rows) {
    entry(row.region.code, row.part?.code ?? null).targets.push({
      planId: row.planId,
      tier: row.tier,
      year: row.targetYear,
      basis: row.basis,
      comparator: row.target.comparator,
      value: row.target.value,
      ...(row.target.upper === undefined ? {} : { upper: row.target.upper }),
      unit: row.target.unit,
      status: row.status,
      ratio: row.ratio,
    });
  }
  return {
    indicator,
    year,
    unit: indicator.unit,
    regions: [...entries.values()].sort(
      (a, b) => cmp(a.region.code, b.region.code) || cmp(a.part ?? '', b.part ?? ''),
    ),
  };
}
