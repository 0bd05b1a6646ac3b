import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { breachOfHardLimits } from '../domain/plausibility/bounds.ts';
import { judgeValue, type KnownValue } from '../domain/plausibility/implausible.ts';
import { convertUnit } from '../domain/units.ts';
import type { ImplausibleConfirmed } from '../domain/vocabulary.ts';
import { type Pair, uniquePairs } from '../projections/progress/pairs.ts';
import type { CatalogTarget } from './import-catalog.ts';
import type { ImportContext } from './import-context.ts';
import { loadSeriesValues, seriesKeyOf } from './load-series-values.ts';
import { observationPlace, ProblemList } from './problems.ts';
import type { ReadObservation } from './report.ts';

const sameValue = (known: KnownValue, value: number, unit: string) => {
  const converted = convertUnit(known.value, known.unit, unit);
  return converted !== undefined && Math.abs(converted - value) <= Math.abs(value) * 1e-9;
};

/** Which implausible values the uploader confirmed: all of them, or these cells (Sheet!A1, or A1). */
export interface ImplausibleConfirmation {
  all: boolean;
  cells: readonly string[];
}

export const NOTHING_CONFIRMED: ImplausibleConfirmation = { all: false, cells: [] };

/**
 * The plausibility rules (src/domain/plausibility) over an import's actual values, a chunk at a time: the
 * chunk's series' current values are loaded in one query (not one per value: a national sheet has 420,000), the
 * chunk's own values of other years are laid over them, and each value is judged against them and its region's
 * end-of-plan target. An implausible value is a problem of severity implausible; unless confirmed, it refuses the
 * file (`problems.hasUnconfirmed`).
 */
export class PlausibilityChecks {
  readonly problems = new ProblemList();
  private readonly confirmed: ReadonlySet<string>;

  constructor(
    private readonly context: ImportContext,
    private readonly confirmation: ImplausibleConfirmation = NOTHING_CONFIRMED,
  ) {
    this.confirmed = new Set(confirmation.cells.map((cell) => cell.trim()));
  }

  /**
   * The end-of-plan target of the observation's series: a plan's own region's level target for its last year
   * (the last loaded when two plans of the region end alike). Looked up per value among its indicator's targets,
   * not kept in a map of the whole catalog's (84,000 in a national one).
   */
  private endTarget(o: ReadObservation): CatalogTarget | undefined {
    return this.context.catalog.targets.of(o.indicator.code).findLast((target) => {
      if (target.basis !== 'level' || target.tier !== null) return false;
      if (target.regionCode !== o.region || (target.part ?? '') !== (o.part ?? '')) return false;
      const plan = this.context.catalog.plans.get(target.planId);
      return plan?.regionCode === target.regionCode && target.year === plan.period.end;
    });
  }

  /**
   * Judges the chunk's actual values; returns what each confirmed implausible one's event records. `db` is the
   * connection the chunk is decided on (the import's transaction).
   */
  async check(
    db: Kysely<Database>,
    observations: readonly ReadObservation[],
  ): Promise<Map<ReadObservation, ImplausibleConfirmed>> {
    const confirmed = new Map<ReadObservation, ImplausibleConfirmed>();
    const actuals = observations.filter(
      (o) => o.kind === 'actual' && (o.comparator === 'eq' || o.comparator === 'approx'),
    );
    if (actuals.length === 0) return confirmed;
    const pairs = uniquePairs(actuals.map((o): Pair => [o.region, o.indicator.code]));
    const stored = await loadSeriesValues(db, pairs);
    const inFile = new Map<string, KnownValue[]>();
    for (const o of actuals) {
      const key = seriesKeyOf(o.region, o.indicator.code, o.part);
      const value = { year: o.year, value: o.value, unit: o.indicator.unit };
      const list = inFile.get(key);
      if (list) list.push(value);
      else inFile.set(key, [value]);
    }
    // A series as the file leaves it, made once per series (it has a value per year in the chunk): the file's
    // values replace the stored ones of their year, which they are about to revise; and its end target.
    const merged = new Map<string, { values: KnownValue[]; target: CatalogTarget | undefined }>();
    const seriesOf = (key: string, o: ReadObservation, storedValues: readonly KnownValue[]) => {
      let series = merged.get(key);
      if (!series) {
        const byYear = new Map<number, KnownValue>();
        for (const v of storedValues) byYear.set(v.year, v);
        for (const v of inFile.get(key) ?? []) byYear.set(v.year, v);
        series = { values: [...byYear.values()], target: this.endTarget(o) };
        merged.set(key, series);
      }
      return series;
    };
    for (const o of actuals) {
      const indicator = this.context.catalog.indicators.get(o.indicator.code);
      // A value past the hard limits is an error already (ObservationChecks): nothing to confirm.
      if (!indicator || breachOfHardLimits(indicator, o.value, o.indicator.unit, o.printed)) continue;
      const key = seriesKeyOf(o.region, o.indicator.code, o.part);
      const storedValues = stored.get(key) ?? [];
      // A value already recorded was judged (or predates the rules, as the documents' baselines): not again.
      if (storedValues.some((v) => v.year === o.year && sameValue(v, o.value, o.indicator.unit))) continue;
      const { values, target } = seriesOf(key, o, storedValues);
      const found = judgeValue(
        indicator,
        { year: o.year, value: o.value, unit: o.indicator.unit, printed: o.printed },
        { values, target, periodStart: this.context.plan.period.start },
      );
      if (!found) continue;
      const isConfirmed =
        this.confirmation.all || this.confirmed.has(o.cell) || this.confirmed.has(o.address);
      this.problems.implausible(
        observationPlace(o),
        {
          indicator: { code: o.indicator.code, name: o.indicator.name },
          year: o.year,
          part: o.part,
          printed: o.printed,
          value: o.value,
          unit: o.indicator.unit,
          rule: found.rule,
          expected: found.expectedText,
          confirmed: isConfirmed,
        },
        found.message,
      );
      if (isConfirmed) confirmed.set(o, { confirmed: true, rule: found.rule, expected: found.expectedText });
    }
    return confirmed;
  }
}

/** The confirmation of an upload's form fields: confirmImplausible=true, or confirmCells="附件1!F14, 附件1!G9". */
export function confirmationOf(form: {
  confirmImplausible?: string;
  confirmCells?: string;
}): ImplausibleConfirmation {
  return {
    all: form.confirmImplausible === 'true',
    cells: (form.confirmCells ?? '')
      .split(/[,，;；\n\r]+/u)
      .map((cell) => cell.trim())
      .filter((cell) => cell !== ''),
  };
}
