import { breachOfHardLimits } from '../domain/plausibility/bounds.ts';
import { convertUnit } from '../domain/units.ts';
import type { Comparator } from '../domain/vocabulary.ts';
import { checkPeriodLock } from './check-periods.ts';
import type { CatalogTarget } from './import-catalog.ts';
import type { ImportContext } from './import-context.ts';
import { observationPlace, ProblemList } from './problems.ts';
import type { ReadObservation } from './report.ts';
import { type FirstSeen, SeenPoints } from './seen-points.ts';

const SYMBOL: Record<Comparator, string> = {
  eq: '',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  approx: '≈',
  between: '',
};

/** ≥90 %, >0.71, 250 万张, 3到5 个: a stated value as a person reads it. */
export const showValue = (comparator: Comparator, value: number, unit: string, upper?: number | null) =>
  `${SYMBOL[comparator]}${value}${comparator === 'between' && upper != null ? `到${upper}` : ''}${unit === '' ? '' : ` ${unit}`}`;

const close = (a: number, b: number) => Math.abs(a - b) <= Math.max(1, Math.abs(a), Math.abs(b)) * 1e-9;

/**
 * Checks across the observations of a file, one observation at a time as they are read: the same point given
 * twice (the same again is a warning, a different value an error), the hard limits (errors: a negative value, a
 * share of a whole above 100 %), and
 * targets that differ from the catalog's (warnings: the catalog is changed only by plan documents, so such a cell
 * is never imported). Only the points seen so far are kept (SeenPoints), not the observations,
 * so a national sheet is checked as it streams by. Repeats and range problems are collected apart, so that the
 * report lists them as a check of the whole file after reading would: see `problems`.
 */
export class ObservationChecks {
  private readonly seen: SeenPoints;
  readonly repeats = new ProblemList();
  readonly ranges = new ProblemList();

  constructor(private readonly context: ImportContext) {
    this.seen = new SeenPoints(context.catalog.indicators);
  }

  /** Checks one observation; false for a repeat of a point seen before (it is dropped). */
  check(observation: ReadObservation): boolean {
    const earlier = this.seen.firstOf(observation);
    if (earlier) {
      this.repeated(observation, earlier);
      return false;
    }
    checkRange(observation, this.context, this.ranges);
    checkPeriodLock(observation, this.context.periods, this.ranges);
    // Compared with its indicator's targets only (all of the catalog's made it quadratic).
    if (observation.kind === 'target')
      compareWithCatalog(
        observation,
        this.context.catalog.targets.of(observation.indicator.code),
        this.ranges,
      );
    return true;
  }

  get hasErrors(): boolean {
    return this.repeats.hasErrors || this.ranges.hasErrors;
  }

  private repeated(observation: ReadObservation, earlier: FirstSeen): void {
    const what = `${observation.indicator.name} ${observation.year}${observation.part ? ` ${observation.part}` : ''}`;
    if (earlier.comparator === observation.comparator && close(earlier.value, observation.value)) {
      this.repeats.warning('value_repeated', observationPlace(observation), {
        zh: `${what} 的数值在 ${earlier.cell} 已经填写过，此处重复（数值相同）。`,
        en: `The value of ${what} was already given in ${earlier.cell}; it is repeated here (the same value).`,
      });
    } else {
      this.repeats.error('conflicting_values', observationPlace(observation), {
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

/**
 * The hard limits (src/domain/plausibility/bounds.ts): a negative count, amount or share, a share of a whole above
 * 100 %. Errors: no confirmation makes such a value right. (A unit the row cannot have is refused with the row, by
 * read-row.) Implausible values are judged later, a chunk at a time, against the series' stored values
 * (PlausibilityChecks).
 */
function checkRange(o: ReadObservation, context: ImportContext, problems: ProblemList): void {
  const indicator = context.catalog.indicators.get(o.indicator.code);
  if (!indicator) return;
  // Targets are only compared with the catalog; a negative one is still refused as before.
  if (o.kind === 'target' && o.value >= 0) return;
  const breach = breachOfHardLimits(indicator, o.value, o.indicator.unit, o.printed);
  if (breach && breach.code !== 'unit_incompatible')
    problems.error(breach.code, observationPlace(o), breach.message);
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
  const shown = showValue(o.comparator, o.value, o.indicator.unit, o.upper);
  if (!target) {
    problems.warning('target_not_in_catalog', observationPlace(o), {
      zh: `规划 ${o.planId} 中没有“${o.indicator.name}”${o.year} 年的这项目标（表中为 ${shown}）。目标只由规划文件确定，本单元格未导入。`,
      en: `Plan ${o.planId} has no such ${o.year} target for "${o.indicator.name}" (the sheet says ${shown}). Targets come from plan documents only; this cell was not imported.`,
    });
    return;
  }
  const inRowUnit = convertUnit(target.value, target.unit, o.indicator.unit);
  const upperInRowUnit =
    target.upper == null ? undefined : convertUnit(target.upper, target.unit, o.indicator.unit);
  const sameUpper =
    target.upper == null
      ? o.upper === undefined
      : o.upper !== undefined && upperInRowUnit !== undefined && close(upperInRowUnit, o.upper);
  if (inRowUnit !== undefined && target.comparator === o.comparator && close(inRowUnit, o.value) && sameUpper)
    return;
  const catalog = showValue(target.comparator, target.value, target.unit, target.upper);
  problems.warning('target_differs_from_catalog', observationPlace(o), {
    zh: `表中“${o.indicator.name}”的目标为 ${shown}，规划 ${o.planId} 中为 ${catalog}。目标只能由规划文件修改，本单元格未导入。`,
    en: `The sheet gives ${shown} as the target of "${o.indicator.name}"; plan ${o.planId} says ${catalog}. Targets change only through plan documents; this cell was not imported.`,
  });
}
