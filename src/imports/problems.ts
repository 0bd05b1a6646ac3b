import type { ImportProblem, Severity } from './report.ts';

/**
 * Collects problems, grouping repeats: the same code, severity and message on many cells is one problem with
 * all its cells (as DHIS2 groups its import conflicts), so a sheet full of dates reads as one line to fix.
 */
export class ProblemList {
  private readonly byKey = new Map<string, ImportProblem>();
  /** The cells of each problem as a set: a problem repeated on a national sheet's every cell stays linear. */
  private readonly cellsByKey = new Map<string, Set<string>>();
  private errors = false;

  add(code: string, severity: Severity, cell: string | undefined, message: { zh: string; en: string }): void {
    const key = `${severity}|${code}|${message.en}`;
    if (severity === 'error') this.errors = true;
    const known = this.byKey.get(key);
    if (known) {
      const cells = this.cellsByKey.get(key);
      if (cell && cells && !cells.has(cell)) {
        cells.add(cell);
        known.cells.push(cell);
      }
      return;
    }
    this.byKey.set(key, { code, severity, ...(cell ? { cell } : {}), cells: cell ? [cell] : [], message });
    this.cellsByKey.set(key, new Set(cell ? [cell] : []));
  }

  error(code: string, cell: string | undefined, message: { zh: string; en: string }): void {
    this.add(code, 'error', cell, message);
  }

  warning(code: string, cell: string | undefined, message: { zh: string; en: string }): void {
    this.add(code, 'warning', cell, message);
  }

  get hasErrors(): boolean {
    return this.errors;
  }

  /**
   * Adds another list's problems after this one's, as if they had been found in this list in that order: an
   * import checks in stages at once (reading, repeats, ranges) and reports them in that order.
   */
  absorb(other: ProblemList): void {
    for (const problem of other.byKey.values()) {
      if (problem.cell === undefined) this.add(problem.code, problem.severity, undefined, problem.message);
      for (const cell of problem.cells) this.add(problem.code, problem.severity, cell, problem.message);
    }
  }

  /** Errors first, then warnings, each in the order found. */
  list(): ImportProblem[] {
    const all = [...this.byKey.values()];
    return [...all.filter((p) => p.severity === 'error'), ...all.filter((p) => p.severity === 'warning')];
  }
}
