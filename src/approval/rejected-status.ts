import type { ImportReport } from '../imports/report.ts';

/**
 * The status of a rejected upload: 409 when approval locked a year it touches (period_locked: a conflict with
 * what is recorded, not a fault of the file), else 422 as for any error in the file. The report lists every
 * problem and cell either way.
 */
export const rejectedStatus = (report: ImportReport): 409 | 422 =>
  report.problems.some((problem) => problem.severity === 'error' && problem.code === 'period_locked')
    ? 409
    : 422;
