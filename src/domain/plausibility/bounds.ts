import { convertUnit } from '../units.ts';
import type { IndicatorKind } from '../vocabulary.ts';

/** What the plausibility rules need to know of an indicator: the catalog's definition. */
export interface IndicatorFacts {
  name: string;
  /** The catalog's unit (a row may state another one of the same base: 万张 for 张). */
  unit: string;
  kind: IndicatorKind;
}

/**
 * Names of indicators that are rates of change or ratios of two different things: they may exceed 100 % (and a
 * rate of change may be negative). The catalog has no field for it yet; every % indicator of the five plans is a
 * share of a whole (覆盖率, 普及率, 比例, 占比), so the name decides. A catalog field `bounded: boolean` on
 * IndicatorDefined would replace this list.
 */
const UNBOUNDED_NAME = /增长|增速|增幅|同比|环比|比上年|较上年|弹性|倍数/u;

/** A share or rate of a whole (coverage, penetration, proportion): stated in %, between 0 and 100. */
export function isShareOfWhole(indicator: IndicatorFacts): boolean {
  return (
    indicator.kind === 'ratio' &&
    convertUnit(1, indicator.unit, '%') !== undefined &&
    !UNBOUNDED_NAME.test(indicator.name)
  );
}

/** Counts, amounts and shares are never negative; only a rate of change may be. */
export function mayBeNegative(indicator: IndicatorFacts): boolean {
  return UNBOUNDED_NAME.test(indicator.name);
}

export interface HardLimitBreach {
  code: 'negative_value' | 'share_above_100' | 'unit_incompatible';
  message: { zh: string; en: string };
}

/**
 * The hard limits of a value (an error: the value cannot be right whatever the uploader says): a unit the row
 * cannot have, a negative count, amount or share, a share of a whole above 100 %. `value` is in `unit`, the
 * row's unit; `printed` is the cell as written.
 */
export function breachOfHardLimits(
  indicator: IndicatorFacts,
  value: number,
  unit: string,
  printed: string,
): HardLimitBreach | undefined {
  const name = indicator.name;
  if (unit !== indicator.unit && convertUnit(1, unit, indicator.unit) === undefined) {
    return {
      code: 'unit_incompatible',
      message: {
        zh: `单位“${unit}”不能换算为指标“${name}”的单位“${indicator.unit || '（无）'}”。`,
        en: `The unit "${unit}" does not convert to "${indicator.unit || '(none)'}", the unit of "${name}".`,
      },
    };
  }
  if (value < 0 && !mayBeNegative(indicator)) {
    return {
      code: 'negative_value',
      message: {
        zh: `“${printed}”是负数，而“${name}”不可能为负。`,
        en: `"${printed}" is negative, which "${name}" cannot be.`,
      },
    };
  }
  const percent = isShareOfWhole(indicator) ? convertUnit(value, unit, '%') : undefined;
  if (percent !== undefined && percent > 100) {
    return {
      code: 'share_above_100',
      message: {
        zh: `“${name}”是占整体的比例，只能在 0–100% 之间，而“${printed}”超过 100%。`,
        en: `"${name}" is a share of a whole, between 0 and 100 %, but "${printed}" is above 100 %.`,
      },
    };
  }
  return undefined;
}
