import type { ImportProblem, Severity } from './report.ts';

/**
 * Collects problems, grouping repeats: the same code, severity and message on many cells is one problem with
 * all its cells (as DHIS2 groups its import conflicts), so a sheet full of dates reads as one line to fix.
 */
export class ProblemList {
  private readonly byKey = new Map<string, ImportProblem>();

  add(code: string, severity: Severity, cell: string | undefined, message: { zh: string; en: string }): void {
    const key = `${severity}|${code}|${message.en}`;
    const known = this.byKey.get(key);
    if (known) {
      if (cell && !known.cells.includes(cell)) known.cells.push(cell);
      return;
    }
    this.byKey.set(key, { code, severity, ...(cell ? { cell } : {}), cells: cell ? [cell] : [], message });
  }

  error(code: string, cell: string | undefined, message: { zh: string; en: string }): void {
    this.add(code, 'error', cell, message);
  }

  warning(code: string, cell: string | undefined, message: { zh: string; en: string }): void {
    this.add(code, 'warning', cell, message);
  }

  get hasErrors(): boolean {
    return [...this.byKey.values()].some((problem) => problem.severity === 'error');
  }

  /** Errors first, then warnings, each in the order found. */
  list(): ImportProblem[] {
    const all = [...this.byKey.values()];
    return [...all.filter((p) => p.severity === 'error'), ...all.filter((p) => p.severity === 'warning')];
  }
}
