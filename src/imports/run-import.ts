import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { handleCommands } from '../commands/handle.ts';
import type { Database } from '../database/schema.ts';
import type { ReportValue } from '../domain/commands.ts';
import type { PlanEvent } from '../domain/events.ts';
import type { Actor, ImplausibleConfirmed } from '../domain/vocabulary.ts';
import { lockWriters, StreamVersionConflict } from '../store/index.ts';
import { ObservationChecks } from './check-observations.ts';
import { causedByReopen, withPeriodLocks } from './check-periods.ts';
import { DecisionsWithoutAppending } from './decide-only.ts';
import type { ImportContext } from './import-context.ts';
import { findImportByFile, insertImport, saveImportReport, UNIQUE_FILE_CONSTRAINT } from './imports-table.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits.ts';
import { loadImportCatalog } from './load-catalog.ts';
import { type ImplausibleConfirmation, PlausibilityChecks } from './plausibility-checks.ts';
import { ProblemList } from './problems.ts';
import { readRows } from './read-observations.ts';
import { readWorkbook } from './read-workbook.ts';
import { recordAttempt } from './record-attempt.ts';
import { WorkbookRefused } from './refusal.ts';
import {
  type ImportProblem,
  type ImportReport,
  type Observation,
  REPORT_OBSERVATIONS,
  type ReadObservation,
  reportObservation,
} from './report.ts';
import { resolveContext } from './resolve-context.ts';
import type { WorkbookRows } from './workbook.ts';

export interface ImportRequest {
  file: Buffer;
  fileName: string;
  regionCode: string;
  planId?: string | undefined;
  dryRun: boolean;
  actor: Actor;
  /** When the upload happened: read from the clock by the caller, recorded as each event's occurredAt. */
  now: Date;
  limits?: ImportLimits;
  /** Implausible values the uploader confirmed (all, or by cell): imported, each event saying so. */
  confirm?: ImplausibleConfirmation;
  /**
   * Called as the import moves on, for a progress bar: reading (the file is read, checked and written chunk by
   * chunk; after each chunk rows counts the observations read so far), checking (every row has been read: rows
   * counts the observations), writing (the last chunk is written, the report is saved), done.
   */
  onProgress?: (step: 'reading' | 'checking' | 'writing' | 'done', detail: { rows?: number }) => void;
}

export interface ImportOutcome {
  report: ImportReport;
  /** The import record's file hash, also for a duplicate. */
  fileSha256: string;
  /** Which exceljs reader read the file (undefined when it was refused first). */
  reader?: 'full' | 'streaming';
}

const ATTEMPTS = 3;

/**
 * Values decided and appended at a time. A chunk is what memory holds of a file being imported, and while
 * PostgreSQL writes one chunk the next one is read (exceljs and the checks are Node's CPU, the append is the
 * server's).
 */
const CHUNK_VALUES = 5_000;

/** Thrown inside the import's transaction to roll it back: the file has an error, nothing of it is written. */
class Rejected extends Error {
  constructor(readonly report: ImportReport) {
    super('the workbook was rejected');
  }
}

/**
 * Uploads become events, all or nothing: file → rows (exceljs) → observations and problems (pure) → one
 * ReportValue per actual value, decided and appended in chunks as the file streams by, in one transaction together
 * with the import record. Any error-severity problem anywhere rejects the whole file and writes nothing (the rest
 * of the file is still checked, so that every problem is reported, then the transaction is rolled back); a dry run
 * decides without appending. The same file again for the same region is a duplicate of the first import (also
 * when both race: the unique index on the import record lets one of them in). Targets in the sheet are only
 * compared with the catalog. A rejected upload and a dry run are kept in the import history (their report, who
 * tried, when) and write no events. Throws ImportRequestError for an unknown region or plan (not recorded).
 */
export async function runImport(db: Kysely<Database>, request: ImportRequest): Promise<ImportOutcome> {
  const limits = request.limits ?? DEFAULT_IMPORT_LIMITS;
  const context = resolveContext(await loadImportCatalog(db), request.regionCode, request.planId);
  const fileSha256 = createHash('sha256').update(request.file).digest('hex');
  const earlier = await findImportByFile(db, request.regionCode, fileSha256);
  if (earlier) return { report: duplicateReport(earlier.importId), fileSha256 };

  const importId = randomUUID();
  // What every value of the file shares, made once (a national sheet has 420,000 values).
  const at = { actor: request.actor, occurredAt: request.now.toISOString(), importId };
  // A rejected upload or a dry run is kept in the history too, written outside the import's transaction.
  const kept = async (result: ImportReport, status: 'rejected' | 'dry-run') => {
    const report = { ...result, status };
    await recordAttempt(db, {
      report,
      regionCode: request.regionCode,
      planId: context.plan.planId,
      fileName: request.fileName,
      fileSha256,
      fileSize: request.file.length,
      actor: request.actor,
      at: request.now,
    });
    return report;
  };
  request.onProgress?.('reading', {});
  for (let attempt = 1; ; attempt++) {
    let reader: 'full' | 'streaming' | undefined;
    try {
      // Read again on every attempt: a streamed workbook is read once.
      const workbook = await readWorkbook(request.file, limits);
      reader = workbook.reader;
      if (request.dryRun) {
        const decisions = new DecisionsWithoutAppending(db);
        const locked = await withPeriodLocks(db, context);
        const plausibility = { checks: new PlausibilityChecks(locked, request.confirm), db };
        const result = await importRows(
          workbook,
          locked,
          at,
          plausibility,
          async (commands) => ({ events: await decisions.decide(commands) }),
          (rows, all) => request.onProgress?.(all ? 'checking' : 'reading', { rows }),
        );
        const status = result.report.status === 'rejected' ? 'rejected' : 'dry-run';
        return { report: await kept(result.report, status), fileSha256, reader };
      }
      const imported = await db.transaction().execute(async (trx) => {
        // Uploads for one region queue here: each decides against what the ones before it committed, so of two
        // that differ the later commit is a revision of the earlier, never dropped as "unchanged".
        await lockWriters(trx, `import:${request.regionCode}`);
        // Under the same lock a period's submit takes (src/approval/transition.ts): the locks read here stand.
        const locked = await withPeriodLocks(trx, context);
        // The record first: a concurrent upload of the same file waits on its unique index, then is a duplicate.
        await insertImport(trx, {
          importId,
          regionCode: request.regionCode,
          planId: context.plan.planId,
          fileName: request.fileName,
          fileSha256,
          fileSize: request.file.length,
          status: 'imported',
          actor: request.actor,
          importedAt: request.now.toISOString(),
          // The report is written once the file has been read (below), in this same transaction.
          report: report(importId, 'imported', emptyTally(), []),
        });
        const { report: result } = await importRows(
          workbook,
          locked,
          at,
          { checks: new PlausibilityChecks(locked, request.confirm), db: trx },
          async (commands) => {
            // A chunk's events are sent, and the next chunk is read while the server writes them.
            const handled = await handleCommands(trx, commands, {
              retries: 0,
              positions: false,
              until: 'sent',
            });
            return { events: handled.eventsByCommand, written: handled.written };
          },
          (rows, all) => request.onProgress?.(all ? 'checking' : 'reading', { rows }),
        );
        if (result.status === 'rejected') throw new Rejected(result);
        request.onProgress?.('writing', { rows: result.counts.new + result.counts.revised });
        await saveImportReport(trx, importId, result);
        return result;
      });
      request.onProgress?.('done', {});
      return { report: imported, fileSha256, reader };
    } catch (error) {
      if (error instanceof Rejected)
        return { report: await kept(error.report, 'rejected'), fileSha256, reader };
      if (error instanceof WorkbookRefused) {
        const problem: ImportProblem = {
          code: error.code,
          severity: 'error',
          cells: [],
          cellDetails: [],
          message: error.messages,
        };
        const refused = report(importId, 'rejected', emptyTally(), [problem]);
        return { report: await kept(refused, 'rejected'), fileSha256, reader };
      }
      if (isUniqueFileViolation(error)) {
        const first = await findImportByFile(db, request.regionCode, fileSha256);
        if (first) return { report: duplicateReport(first.importId), fileSha256, reader };
        // The other upload of this file rolled back after all: ours may go in.
        if (attempt < ATTEMPTS) continue;
      }
      if (error instanceof StreamVersionConflict && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}

/** Decides (and appends) a chunk: the events of each command, and when they are written if not yet. */
type Decide = (
  commands: readonly ReportValue[],
) => Promise<{ events: PlanEvent[][]; written?: Promise<void> }>;

interface Tally {
  observations: number;
  listed: Observation[];
  new: number;
  revised: number;
  unchanged: number;
  /** Target cells: compared with the catalog, never written. */
  targets: number;
}

const emptyTally = (): Tally => ({
  observations: 0,
  listed: [],
  new: 0,
  revised: 0,
  unchanged: 0,
  targets: 0,
});

/**
 * Reads, checks and decides a workbook chunk by chunk: rows → observations → checks → commands → `decide` (which
 * appends, or not). Only one chunk is decided at a time, and the next one is read meanwhile. Once the file has an
 * error nothing more is decided, but every row is still read and checked. Returns the report: rejected if there
 * was an error, else with the new, revised and unchanged counts of what was decided (status 'imported').
 * WorkbookRefused is thrown from the reader.
 */
async function importRows(
  workbook: WorkbookRows,
  context: ImportContext,
  at: Parameters<typeof reportValue>[1],
  plausibility: { checks: PlausibilityChecks; db: Kysely<Database> },
  decide: Decide,
  onRead?: (observations: number, all: boolean) => void,
): Promise<{ report: ImportReport }> {
  const readProblems = new ProblemList();
  const checks = new ObservationChecks(context);
  const tally = emptyTally();
  let chunk: ReadObservation[] = [];
  let deciding: Promise<void> = Promise.resolve();
  // The last chunk's events, sent and perhaps not yet written.
  let writing: Promise<void> = Promise.resolve();
  const failed = () =>
    readProblems.hasErrors || checks.hasErrors || plausibility.checks.problems.hasUnconfirmed;
  // One chunk being decided: wait for the previous one's decision (and its error, if any), then start this one
  // without waiting. It starts once the previous chunk's events are written (a failed write is the error, not the
  // aborted transaction behind it); meanwhile the next chunk is read. Its values are judged for plausibility first
  // (one query for the chunk's series), then decided unless the file has failed; a failed file's chunks are still
  // judged, so that every implausible value is reported.
  const flush = async () => {
    await deciding;
    const observations = chunk;
    chunk = [];
    const written = writing;
    deciding = written
      .then(() => plausibility.checks.check(plausibility.db, observations))
      .then(async (confirmed) => {
        if (failed()) return;
        const commands = observations.map((o) =>
          causedByReopen(reportValue(o, at, confirmed.get(o)), context),
        );
        const decided = await decide(commands);
        count(tally, decided.events);
        writing = decided.written ?? Promise.resolve();
        writing.catch(() => {});
      });
    deciding.catch(() => {});
  };
  try {
    for await (const row of readRows(workbook, context, readProblems)) {
      for (const observation of row) {
        if (!checks.check(observation)) continue;
        tally.observations++;
        if (tally.listed.length < REPORT_OBSERVATIONS) tally.listed.push(reportObservation(observation));
        if (observation.kind === 'actual') chunk.push(observation);
        else tally.targets++;
      }
      // A rejected file is written no further (what was written is rolled back), only checked to the end.
      if (chunk.length >= CHUNK_VALUES) {
        await flush();
        onRead?.(tally.observations, false);
      }
    }
    onRead?.(tally.observations, true);
    if (chunk.length > 0) await flush();
    await deciding;
    await writing;
  } finally {
    // Nothing may still run on the connection when the caller rolls back or commits.
    await deciding.catch(() => {});
    await writing.catch(() => {});
  }
  readProblems.absorb(checks.repeats);
  readProblems.absorb(checks.ranges);
  readProblems.absorb(plausibility.checks.problems);
  const problems = readProblems.list();
  if (readProblems.hasErrors || readProblems.hasUnconfirmed) {
    return {
      report: report(at.importId, 'rejected', { ...tally, new: 0, revised: 0, unchanged: 0 }, problems),
    };
  }
  return { report: report(at.importId, 'imported', tally, problems) };
}

function count(tally: Tally, decided: readonly PlanEvent[][]): void {
  for (const events of decided) {
    if (events.length === 0) tally.unchanged++;
    else if (events.some((event) => event.type === 'ValueRevised')) tally.revised++;
    else tally.new++;
  }
}

function isUniqueFileViolation(error: unknown): boolean {
  const { code, constraint, message } = error as { code?: string; constraint?: string; message?: string };
  return (
    code === '23505' &&
    (constraint === UNIQUE_FILE_CONSTRAINT || String(message).includes(UNIQUE_FILE_CONSTRAINT))
  );
}

function reportValue(
  o: ReadObservation,
  at: { actor: Actor; occurredAt: string; importId: string },
  implausible?: ImplausibleConfirmed,
): ReportValue {
  return {
    type: 'ReportValue',
    data: {
      regionCode: o.region,
      indicatorCode: o.indicator.code,
      part: o.part,
      year: o.year,
      comparator: o.comparator,
      value: o.value,
      unit: o.indicator.unit,
      source: {
        kind: 'workbook',
        // The file and its hash are the import record's, which importId names.
        importId: at.importId,
        sheet: o.sheet,
        cell: o.address,
        printed: o.printed,
      },
    },
    // The import and the cell are the source's (data.source), the file and its hash the import record's.
    metadata: { actor: at.actor, occurredAt: at.occurredAt, ...(implausible ? { implausible } : {}) },
  };
}

function report(
  importId: string,
  status: ImportReport['status'],
  tally: Tally,
  problems: readonly ImportProblem[],
): ImportReport {
  const omitted = tally.observations - tally.listed.length;
  return {
    importId,
    status,
    counts: {
      observations: tally.observations,
      new: tally.new,
      revised: tally.revised,
      unchanged: tally.unchanged,
      targets: tally.targets,
      problems: problems.length,
    },
    observations: tally.listed,
    ...(omitted > 0 ? { observationsOmitted: omitted } : {}),
    problems: [...problems],
  };
}

function duplicateReport(importId: string): ImportReport {
  return {
    importId,
    status: 'duplicate',
    counts: { observations: 0, new: 0, revised: 0, unchanged: 0, targets: 0, problems: 0 },
    observations: [],
    problems: [],
  };
}
