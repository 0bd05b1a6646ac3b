import type { PlausibilityRule } from '../domain/plausibility/implausible.ts';
import type { Comparator, Tier } from '../domain/vocabulary.ts';

/** One value read from a sheet, as the import report lists it. */
export interface Observation {
  region: string;
  indicator: { code: string; name: string; unit: string };
  part: string | null;
  tier: Tier;
  year: number;
  /** actual: a reported value (becomes an event); target: compared with the catalog, never written. */
  kind: 'actual' | 'target';
  comparator: Comparator;
  value: number;
  /** A range's upper bound (a target cell 3到5: between). */
  upper?: number;
  /** Sheet!A1 */
  cell: string;
  /**
   * The row's label as the sheet prints it (issue 13), beside the catalog's name: the name in the row's label
   * column, or a sub-row's label (示范（试验区）); null when the row was known by its code only and has no name.
   */
  rowLabel: string | null;
}

/** An observation with what the importer needs beyond the report: where exactly it came from, which plan. */
export interface ReadObservation extends Observation {
  sheet: string;
  address: string;
  printed: string;
  /** For targets: the plan of the column it was read from. */
  planId?: string;
}

/**
 * error: the file is refused. implausible: the value is believable as a number but not as this region's figure
 * (src/domain/plausibility); the file is refused unless the uploader confirms it. warning: imported all the same.
 */
export type Severity = 'error' | 'implausible' | 'warning';

/** What a value_implausible problem says beyond its message, for a program (the dashboard) to show. */
export interface ImplausibleDetail {
  indicator: { code: string; name: string };
  year: number;
  part: string | null;
  /** The cell as written, and as read (in the row's unit). */
  printed: string;
  value: number;
  unit: string;
  rule: PlausibilityRule;
  /** What was expected: “340.2？” or “20–100”. */
  expected: string;
  /** True when the uploader confirmed it (confirmImplausible, or the cell in confirmCells): it was imported. */
  confirmed: boolean;
}

export type Message = { zh: string; en: string };

/** Where a problem was found: the cell, with the row's label as the sheet prints it and its column's year. */
export interface ProblemPlace {
  /** Sheet!A1 */
  cell: string;
  rowLabel?: string;
  year?: number;
}

/** One cell of a problem: where it is, and what the problem says there when that differs from cell to cell. */
export interface ProblemCell extends ProblemPlace {
  message?: Message;
}

export interface ImportProblem {
  code: string;
  severity: Severity;
  /** For severity implausible: the value, the rule and what was expected. */
  implausible?: ImplausibleDetail;
  /** The first cell it was found in (Sheet!A1), absent for a problem of the file as a whole. */
  cell?: string;
  /** Every cell it was found in: a problem repeated on many cells is listed once. */
  cells: string[];
  /** Each cell of `cells`, in the same order, with its row label and year where known. */
  cellDetails: ProblemCell[];
  /**
   * What the problem says; for a problem grouped by its hint (cells whose own messages differ), what it says at
   * its first cell, each cell's own message being in `cellDetails`.
   */
  message: Message;
  /** How to fill the cell instead: the same for every cell of the problem, so given once. */
  hint?: Message;
}

export type ImportStatus = 'dry-run' | 'imported' | 'duplicate' | 'rejected';

/** What a file's values came to: observations = new + revised + unchanged + targets once the file is decided. */
export interface ImportCounts {
  observations: number;
  new: number;
  revised: number;
  unchanged: number;
  /** Target cells (the plans' own figures printed in the sheet): compared with the catalog, never written. */
  targets: number;
  problems: number;
}

export interface ImportReport {
  importId: string;
  status: ImportStatus;
  counts: ImportCounts;
  /**
   * The observations in sheet order, at most REPORT_OBSERVATIONS (a national sheet's 420,000 would make a report
   * of about 100 MB); every one of them is an event (ValueReported, ValueRevised) or a checked target, reachable
   * through the series' history. `counts.observations` counts them all.
   */
  observations: Observation[];
  /** How many observations the list leaves out (present only when it leaves some out). */
  observationsOmitted?: number;
  problems: ImportProblem[];
}

/** The most observations a report lists: a bureau's sheet is far below it, a province's or the country's above. */
export const REPORT_OBSERVATIONS = 10_000;

export const reportObservation = ({ sheet, address, printed, planId, ...observation }: ReadObservation) =>
  observation satisfies Observation;
