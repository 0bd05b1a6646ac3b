import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import {
  breachOfHardLimits,
  type HardLimitBreach,
  type IndicatorFacts,
} from '../domain/plausibility/bounds.ts';
import { type Implausibility, judgeValue } from '../domain/plausibility/implausible.ts';
import { convertUnit } from '../domain/units.ts';
import { loadSeriesValues, seriesKeyOf } from './load-series-values.ts';

export interface OneValue {
  regionCode: string;
  indicatorCode: string;
  part: string | null;
  year: number;
  value: number;
  /** The unit it is stated in (one of the indicator's base). */
  unit: string;
}

/**
 * The plausibility rules for one value given over the API, as an import judges a cell: the hard limits, then the
 * implausibility rules against the series' current values, the region's plan's end target and its first year.
 */
export async function judgeOneValue(
  db: Kysely<Database>,
  indicator: IndicatorFacts,
  one: OneValue,
): Promise<{ breach: HardLimitBreach } | { implausible: Implausibility } | undefined> {
  const printed = `${one.value}${one.unit === '' ? '' : ` ${one.unit}`}`;
  const breach = breachOfHardLimits(indicator, one.value, one.unit, printed);
  if (breach) return { breach };
  const [stored, plan] = await Promise.all([
    loadSeriesValues(db, [[one.regionCode, one.indicatorCode]]),
    db
      .selectFrom('catalog_plans')
      .select(['plan_id', 'period_start', 'period_end'])
      .where('region_code', '=', one.regionCode)
      .orderBy('plan_id')
      .executeTakeFirst(),
  ]);
  const target = plan
    ? await db
        .selectFrom('catalog_targets')
        .select(['year', 'value', 'unit'])
        .where('plan_id', '=', plan.plan_id)
        .where('region_code', '=', one.regionCode)
        .where('indicator_code', '=', one.indicatorCode)
        .where('part', '=', one.part ?? '')
        .where('tier', '=', '')
        .where('basis', '=', 'level')
        .where('year', '=', plan.period_end)
        .where('withdrawn', 'is', null)
        .executeTakeFirst()
    : undefined;
  const values = stored.get(seriesKeyOf(one.regionCode, one.indicatorCode, one.part)) ?? [];
  // The value already recorded (an unchanged report) was judged when it was recorded.
  if (values.some((v) => v.year === one.year && convertUnit(v.value, v.unit, one.unit) === one.value))
    return undefined;
  const implausible = judgeValue(
    indicator,
    { year: one.year, value: one.value, unit: one.unit, printed },
    {
      values,
      target: target ? { year: target.year, value: Number(target.value), unit: target.unit } : undefined,
      // Without a plan of its own the region has no first year to be judged in.
      periodStart: plan?.period_start ?? Number.NaN,
    },
  );
  return implausible ? { implausible } : undefined;
}
