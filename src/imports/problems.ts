import type {
  ImplausibleDetail,
  ImportProblem,
  Message,
  ProblemCell,
  ProblemPlace,
  Severity,
} from './report.ts';

/** A cell as Sheet!A1, or with what else is known of it (its row's label, its column's year). */
export type Place = string | ProblemPlace | undefined;

const placeOf = (place: Place): ProblemPlace | undefined =>
  typeof place === 'string' ? { cell: place } : place;

/**
 * Collects problems, grouping repeats: the same code, severity and message on many cells is one problem with
 * all its cells (as DHIS2 groups its import conflicts), so a sheet full of dates reads as one line to fix. A
 * problem with a hint (how to fill the cell instead) is grouped by its hint: the hint is given once and each cell
 * keeps its own message. Every cell keeps its row label and year.
 */
export class ProblemList {
  private readonly byKey = new Map<string, ImportProblem>();
  /** The cells of each problem as a set: a problem repeated on a national sheet's every cell stays linear. */
  private readonly cellsByKey = new Map<string, Set<string>>();
  private errors = false;
  private unconfirmed = false;

  add(
    code: string,
    severity: Severity,
    place: Place,
    message: Message,
    extra: { implausible?: ImplausibleDetail | undefined; hint?: Message | undefined } = {},
  ): void {
    const { implausible, hint } = extra;
    const key = hint ? `${severity}|${code}|hint|${hint.en}` : `${severity}|${code}|${message.en}`;
    if (severity === 'error') this.errors = true;
    if (implausible && !implausible.confirmed) this.unconfirmed = true;
    const at = placeOf(place);
    const detail: ProblemCell | undefined = at && {
      ...at,
      // Grouped by hint, the cells' messages may differ: each cell keeps its own.
      ...(hint ? { message } : {}),
    };
    const known = this.byKey.get(key);
    if (known) {
      const cells = this.cellsByKey.get(key);
      if (detail && cells && !cells.has(detail.cell)) {
        cells.add(detail.cell);
        known.cells.push(detail.cell);
        known.cellDetails.push(detail);
      }
      return;
    }
    this.byKey.set(key, {
      code,
      severity,
      ...(at ? { cell: at.cell } : {}),
      cells: at ? [at.cell] : [],
      cellDetails: detail ? [detail] : [],
      message,
      ...(hint ? { hint } : {}),
      ...(implausible ? { implausible } : {}),
    });
    this.cellsByKey.set(key, new Set(at ? [at.cell] : []));
  }

  error(code: string, place: Place, message: Message, hint?: Message): void {
    this.add(code, 'error', place, message, { hint });
  }

  warning(code: string, place: Place, message: Message): void {
    this.add(code, 'warning', place, message);
  }

  /** A value the uploader must confirm (value_implausible, not confirmed). */
  implausible(place: string | ProblemPlace, detail: ImplausibleDetail, message: Message): void {
    this.add('value_implausible', 'implausible', place, message, { implausible: detail });
  }

  get hasErrors(): boolean {
    return this.errors;
  }

  /** Implausible values not confirmed: they refuse the file as an error does. */
  get hasUnconfirmed(): boolean {
    return this.unconfirmed;
  }

  /**
   * Adds another list's problems after this one's, as if they had been found in this list in that order: an
   * import checks in stages at once (reading, repeats, ranges) and reports them in that order.
   */
  absorb(other: ProblemList): void {
    for (const problem of other.byKey.values()) {
      const { code, severity, message, implausible, hint } = problem;
      if (problem.cell === undefined) this.add(code, severity, undefined, message, { implausible, hint });
      for (const { message: own, ...place } of problem.cellDetails) {
        this.add(code, severity, place, own ?? message, { implausible, hint });
      }
    }
  }

  /** Errors first, then implausible values, then warnings, each in the order found. */
  list(): ImportProblem[] {
    const all = [...this.byKey.values()];
    return (['error', 'implausible', 'warning'] as const).flatMap((severity) =>
      all.filter((p) => p.severity === severity),
    );
  }
}

/** Where an observation's problem is: its cell, the row as the sheet names it, and the year. */
export const observationPlace = (o: {
  cell: string;
  rowLabel: string | null;
  year: number;
}): ProblemPlace => ({ cell: o.cell, ...(o.rowLabel ? { rowLabel: o.rowLabel } : {}), year: o.year });
