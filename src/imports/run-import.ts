import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { handleCommands } from '../commands/handle.ts';
import type { Database } from '../database/schema.ts';
import type { ReportValue } from '../domain/commands.ts';
import type { PlanEvent } from '../domain/events.ts';
import type { Actor } from '../domain/vocabulary.ts';
import { StreamVersionConflict } from '../store/index.ts';
import { checkObservations } from './check-observations.ts';
import { decideWithoutAppending } from './decide-only.ts';
import { findImportByFile, insertImport, saveImportReport, UNIQUE_FILE_CONSTRAINT } from './imports-table.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits.ts';
import { loadImportCatalog } from './load-catalog.ts';
import { readObservations } from './read-observations.ts';
import { readWorkbook } from './read-workbook.ts';
import { WorkbookRefused } from './refusal.ts';
import {
  type ImportCounts,
  type ImportProblem,
  type ImportReport,
  type ReadObservation,
  reportObservation,
} from './report.ts';
import { resolveContext } from './resolve-context.ts';

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
  /** Called as the import moves on, for a progress bar. */
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
 * Uploads become events, all or nothing: file → rows (exceljs) → observations and problems (pure) → one
 * ReportValue per actual value, decided and appended in one transaction together with the import record. Any
 * error-severity problem rejects the whole file and writes nothing; a dry run decides without appending. The
 * same file again for the same region is a duplicate of the first import (also when both race: the unique
 * index on the import record lets one of them in). Targets in the sheet are only compared with the catalog.
 * Throws ImportRequestError for an unknown region or plan.
 */
export async function runImport(db: Kysely<Database>, request: ImportRequest): Promise<ImportOutcome> {
  const limits = request.limits ?? DEFAULT_IMPORT_LIMITS;
  const context = resolveContext(await loadImportCatalog(db), request.regionCode, request.planId);
  const fileSha256 = createHash('sha256').update(request.file).digest('hex');
  const earlier = await findImportByFile(db, request.regionCode, fileSha256);
  if (earlier) return { report: duplicateReport(earlier.importId), fileSha256 };

  const importId = randomUUID();
  request.onProgress?.('reading', {});
  let read: Awaited<ReturnType<typeof readObservations>>;
  let reader: 'full' | 'streaming' | undefined;
  try {
    const workbook = await readWorkbook(request.file, limits);
    reader = workbook.reader;
    read = await readObservations(workbook, context);
  } catch (error) {
    if (!(error instanceof WorkbookRefused)) throw error;
    const problem: ImportProblem = {
      code: error.code,
      severity: 'error',
      cells: [],
      message: error.messages,
    };
    return { report: report(importId, 'rejected', [], [problem]), fileSha256, reader };
  }
  request.onProgress?.('checking', { rows: read.observations.length });
  const observations = checkObservations(read.observations, context, read.problems);
  const problems = read.problems.list();
  if (read.problems.hasErrors) {
    return { report: report(importId, 'rejected', observations, problems), fileSha256, reader };
  }

  const commands = observations
    .filter((observation) => observation.kind === 'actual')
    .map((observation) => reportValue(observation, { ...request, importId, fileSha256 }));
  if (request.dryRun) {
    const decided = await decideWithoutAppending(db, commands);
    return { report: report(importId, 'dry-run', observations, problems, decided), fileSha256, reader };
  }

  request.onProgress?.('writing', { rows: commands.length });
  for (let attempt = 1; ; attempt++) {
    try {
      const imported = await db.transaction().execute(async (trx) => {
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
          // The report is written whole once the events are decided (below), in this same transaction: here it
          // has no observations, so a national sheet's (420,000) is not encoded and stored twice.
          report: report(importId, 'imported', [], problems),
        });
        const { eventsByCommand } = await handleCommands(trx, commands, { retries: 0 });
        const result = report(importId, 'imported', observations, problems, eventsByCommand);
        await saveImportReport(trx, importId, result);
        return result;
      });
      request.onProgress?.('done', {});
      return { report: imported, fileSha256, reader };
    } catch (error) {
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

function isUniqueFileViolation(error: unknown): boolean {
  const { code, constraint, message } = error as { code?: string; constraint?: string; message?: string };
  return (
    code === '23505' &&
    (constraint === UNIQUE_FILE_CONSTRAINT || String(message).includes(UNIQUE_FILE_CONSTRAINT))
  );
}

function reportValue(
  o: ReadObservation,
  at: { actor: Actor; now: Date; importId: string; fileSha256: string; fileName: string },
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
        importId: at.importId,
        file: at.fileName || 'upload.xlsx',
        sha256: at.fileSha256,
        sheet: o.sheet,
        cell: o.address,
        printed: o.printed,
      },
    },
    metadata: {
      actor: at.actor,
      occurredAt: at.now.toISOString(),
      importId: at.importId,
      fileSha256: at.fileSha256,
      cell: o.cell,
    },
  };
}

function counts(
  observations: readonly ReadObservation[],
  problems: readonly ImportProblem[],
  decided: readonly PlanEvent[][] | undefined,
): ImportCounts {
  const result: ImportCounts = {
    observations: observations.length,
    new: 0,
    revised: 0,
    unchanged: 0,
    problems: problems.length,
  };
  for (const events of decided ?? []) {
    if (events.length === 0) result.unchanged++;
    else if (events.some((event) => event.type === 'ValueRevised')) result.revised++;
    else result.new++;
  }
  return result;
}

function report(
  importId: string,
  status: ImportReport['status'],
  observations: readonly ReadObservation[],
  problems: readonly ImportProblem[],
  decided?: readonly PlanEvent[][],
): ImportReport {
  return {
    importId,
    status,
    counts: counts(observations, problems, decided),
    observations: observations.map(reportObservation),
    problems: [...problems],
  };
}

function duplicateReport(importId: string): ImportReport {
  return {
    importId,
    status: 'duplicate',
    counts: { observations: 0, new: 0, revised: 0, unchanged: 0, problems: 0 },
    observations: [],
    problems: [],
  };
}
