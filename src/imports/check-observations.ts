import { convertUnit } from '../domain/units.ts';
import type { Comparator } from '../domain/vocabulary.ts';
import { checkPeriodLock } from './check-periods.ts';
import type { CatalogTarget } from './import-catalog.ts';
import type { ImportContext } from './import-context.ts';
import { ProblemList } from './problems.ts';
import type { ReadObservation } from './report.ts';
import { type FirstSeen, SeenPoints } from './seen-points.ts';

const SYMBOL: Record<Comparator, string> = { eq: '', gt: '>', gte: '≥', lt: '<', lte: '≤', approx: '≈' };

/** ≥90 %, >0.71, 250 万张: a stated value as a person reads it. */
export const showValue = (comparator: Comparator, value: number, unit: string) =>
  `${SYMBOL[comparator]}${value}${unit === '' ? '' : ` ${unit}`}`;

const close = (a: number, b: number) => Math.abs(a - b) <= Math.max(1, Math.abs(a), Math.abs(b)) * 1e-9;

/** Values this far from every catalog target of the indicator are probably a slip (万 forgotten, 0.655 for 65.5). */
const IMPLAUSIBLE_FACTOR = 100;

/**
 * Checks across the observations of a file, one observation at a time as they are read: the same point given
 * twice (the same again is a warning, a different value an error), negative values (errors: every indicator
 * counts or shares something), shares above 100 % and values far outside the catalog's targets (warnings), and
 * targets that differ from the catalog's (warnings: the catalog is changed only by plan documents, so such a cell
 * is never imported). Only the points seen so far are kept (SeenPoints), not the observations,
 * so a national sheet is checked as it streams by. Repeats and range problems are collected apart, so that the
 * report lists them as a check of the whole file after reading would: see `problems`.
 */
export class ObservationChecks {
  private readonly seen = new SeenPoints();
  /** Each observation is compared with its indicator's targets only (all of the catalog's made it quadratic). */
  private readonly targetsOf = new Map<string, CatalogTarget[]>();
  readonly repeats = new ProblemList();
  readonly ranges = new ProblemList();

  constructor(private readonly context: ImportContext) {
    for (const target of context.catalog.targets) {
      const list = this.targetsOf.get(target.indicatorCode);
      if (list) list.push(target);
      else this.targetsOf.set(target.indicatorCode, [target]);
    }
  }

  /** Checks one observation; false for a repeat of a point seen before (it is dropped). */
  check(observation: ReadObservation): boolean {
    const earlier = this.seen.firstOf(observation);
    if (earlier) {
      this.repeated(observation, earlier);
      return false;
    }
    const targets = this.targetsOf.get(observation.indicator.code) ?? [];
    checkRange(observation, targets, this.context, this.ranges);
    checkPeriodLock(observation, this.context.periods, this.ranges);
    if (observation.kind === 'target') compareWithCatalog(observation, targets, this.ranges);
    return true;
  }

  get hasErrors(): boolean {
    return this.repeats.hasErrors || this.ranges.hasErrors;
  }

  private repeated(observation: ReadObservation, earlier: FirstSeen): void {
    const what = `${observation.indicator.name} ${observation.year}${observation.part ? ` ${observation.part}` : ''}`;
    if (earlier.comparator === observation.comparator && close(earlier.value, observation.value)) {
      this.repeats.warning('value_repeated', observation.cell, {
        zh: `${what} 的数值在 ${earlier.cell} 已经填写过，此处重复（数值相同）。`,
        en: `The value of ${what} was already given in ${earlier.cell}; it is repeated here (the same value).`,
      });
    } else {
      this.repeats.error('conflicting_values', observation.cell, {
        zh: `${what} 在 ${earlier.cell} 为 ${earlier.printed}，此处为 ${observation.printed}，两处不一致。请只保留正确的一处。`,
        en: `${what} is ${earlier.printed} in ${earlier.cell} but ${observation.printed} here. Keep only the correct one.`,
      });
    }
  }
}

/**
 * The checks of a whole file at once (ObservationChecks over a list): the problems go into `problems` after the
 * ones already there, repeats before range problems. Returns the observations with repeats removed.
 */
export function checkObservations(
  observations: readonly ReadObservation[],
  context: ImportContext,
  problems: ProblemList,
): ReadObservation[] {
  const checks = new ObservationChecks(context);
  const kept = observations.filter((observation) => checks.check(observation));
  problems.absorb(checks.repeats);
  problems.absorb(checks.ranges);
  return kept;
}

function checkRange(
  o: ReadObservation,
  targets: readonly CatalogTarget[],
  context: ImportContext,
  problems: ProblemList,
): void {
  const name = o.indicator.name;
  if (o.value < 0) {
    problems.error('negative_value', o.cell, {
      zh: `“${o.printed}”是负数，而“${name}”不可能为负。`,
      en: `"${o.printed}" is negative, which "${name}" cannot be.`,
    });
    return;
  }
  if (o.kind !== 'actual') return;
  const indicator = context.catalog.indicators.get(o.indicator.code);
  if (indicator?.kind === 'ratio' && o.indicator.unit === '%' && o.value > 100) {
    problems.warning('share_above_100', o.cell, {
      zh: `“${name}”是比例，但“${o.printed}”超过 100%。请核对。`,
      en: `"${name}" is a share, but "${o.printed}" is above 100%. Please check.`,
    });
    return;
  }
  const references = targets
    .filter((t) => t.part === o.part || t.part === null || o.part === null)
    .map((t) => convertUnit(t.value, t.unit, o.indicator.unit))
    .filter((v): v is number => v !== undefined && v > 0);
  if (references.length === 0) return;
  const highest = Math.max(...references);
  const lowest = Math.min(...references);
  if (o.value > highest * IMPLAUSIBLE_FACTOR || (o.value > 0 && o.value < lowest / IMPLAUSIBLE_FACTOR)) {
    problems.warning('value_implausible', o.cell, {
      zh: `“${name}”的“${o.printed}”与规划目标（${lowest}–${highest} ${o.indicator.unit}）相差百倍以上，请核对单位（如“万”）和小数点。`,
      en: `"${o.printed}" for "${name}" is more than a hundred times away from the plans' targets (${lowest}–${highest} ${o.indicator.unit}); check the unit (such as 万) and the decimal point.`,
    });
  }
}

function compareWithCatalog(
  o: ReadObservation,
  targets: readonly CatalogTarget[],
  problems: ProblemList,
): void {
  const target = targets.find(
    (t) =>
      t.planId === o.planId &&
      t.regionCode === o.region &&
      t.part === o.part &&
      t.tier === o.tier &&
      t.year === o.year &&
      t.basis === 'level',
  );
  const shown = showValue(o.comparator, o.value, o.indicator.unit);
  if (!target) {
    problems.warning('target_not_in_catalog', o.cell, {
      zh: `规划 ${o.planId} 中没有“${o.indicator.name}”${o.year} 年的这项目标（表中为 ${shown}）。目标只由规划文件确定，本单元格未导入。`,
      en: `Plan ${o.planId} has no such ${o.year} target for "${o.indicator.name}" (the sheet says ${shown}). Targets come from plan documents only; this cell was not imported.`,
    });
    return;
  }
  const inRowUnit = convertUnit(target.value, target.unit, o.indicator.unit);
  if (inRowUnit !== undefined && target.comparator === o.comparator && close(inRowUnit, o.value)) return;
  const catalog = showValue(target.comparator, target.value, target.unit);
  problems.warning('target_differs_from_catalog', o.cell, {
    zh: `表中“${o.indicator.name}”的目标为 ${shown}，规划 ${o.planId} 中为 ${catalog}。目标只能由规划文件修改，本单元格未导入。`,
    en: `The sheet gives ${shown} as the target of "${o.indicator.name}"; plan ${o.planId} says ${catalog}. Targets change only through plan documents; this cell was not imported.`,
  });
}
