import type { ImplausibleDetail, ImportProblem, Severity } from './report.ts';

/**
 * Collects problems, grouping repeats: the same code, severity and message on many cells is one problem with
 * all its cells (as DHIS2 groups its import conflicts), so a sheet full of dates reads as one line to fix.
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
    cell: string | undefined,
    message: { zh: string; en: string },
    implausible?: ImplausibleDetail,
  ): void {
    const key = `${severity}|${code}|${message.en}`;
    if (severity === 'error') this.errors = true;
    if (implausible && !implausible.confirmed) this.unconfirmed = true;
    const known = this.byKey.get(key);
    if (known) {
      const cells = this.cellsByKey.get(key);
      if (cell && cells && !cells.has(cell)) {
        cells.add(cell);
        known.cells.push(cell);
      }
      return;
    }
    this.byKey.set(key, {
      code,
      severity,
      ...(cell ? { cell } : {}),
      cells: cell ? [cell] : [],
      message,
      ...(implausible ? { implausible } : {}),
    });
    this.cellsByKey.set(key, new Set(cell ? [cell] : []));
  }

  error(code: string, cell: string | undefined, message: { zh: string; en: string }): void {
    this.add(code, 'error', cell, message);
  }

  warning(code: string, cell: string | undefined, message: { zh: string; en: string }): void {
    this.add(code, 'warning', cell, message);
  }

  /** A value the uploader must confirm (value_implausible, not confirmed). */
  implausible(cell: string, detail: ImplausibleDetail, message: { zh: string; en: string }): void {
    this.add('value_implausible', 'implausible', cell, message, detail);
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
      const { code, severity, message, implausible } = problem;
      if (problem.cell === undefined) this.add(code, severity, undefined, message, implausible);
      for (const cell of problem.cells) this.add(code, severity, cell, message, implausible);
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
