import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { Actor } from '../domain/vocabulary.ts';
import type { ImportReport } from './report.ts';

/**
 * What the history keeps: an imported file, a rejected upload (nothing of it written) or a dry run (nothing
 * written), spelled as the report's status. A duplicate is not a row: it answers with the first import.
 */
export type RecordStatus = 'imported' | 'rejected' | 'dry-run';
export const RECORD_STATUSES = ['imported', 'rejected', 'dry-run'] as const satisfies readonly RecordStatus[];

export interface ImportRecord {
  importId: string;
  regionCode: string;
  planId: string | null;
  fileName: string;
  fileSha256: string;
  fileSize: number;
  status: RecordStatus;
  actor: Actor;
  importedAt: string;
  report: ImportReport;
}

/**
 * The unique index that makes a second upload of the same file for the same region a duplicate: on imported
 * rows only, so a rejected upload or a dry run of a file may be tried again.
 */
export const UNIQUE_FILE_CONSTRAINT = 'imports_region_file_unique';

type Row = Awaited<ReturnType<typeof selectImports>>[number];

const selectImports = (db: Kysely<Database>) => db.selectFrom('imports').selectAll().execute();

function toRecord(row: Row): ImportRecord {
  return {
    importId: row.import_id,
    regionCode: row.region_code,
    planId: row.plan_id,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    fileSize: row.file_size,
    status: row.status as RecordStatus,
    actor: row.actor as Actor,
    importedAt: new Date(row.imported_at).toISOString(),
    report: row.report as unknown as ImportReport,
  };
}

export async function insertImport(db: Kysely<Database>, record: ImportRecord): Promise<void> {
  await db
    .insertInto('imports')
    .values({
      import_id: record.importId,
      region_code: record.regionCode,
      plan_id: record.planId,
      file_name: record.fileName,
      file_sha256: record.fileSha256,
      file_size: record.fileSize,
      status: record.status,
      actor: JSON.stringify(record.actor),
      report: JSON.stringify(record.report),
      imported_at: record.importedAt,
    })
    .execute();
}

export async function saveImportReport(db: Kysely<Database>, importId: string, report: ImportReport) {
  await db
    .updateTable('imports')
    .set({ report: JSON.stringify(report), status: 'imported' })
    .where('import_id', '=', importId)
    .execute();
}

export async function findImportByFile(
  db: Kysely<Database>,
  regionCode: string,
  fileSha256: string,
): Promise<ImportRecord | undefined> {
  const row = await db
    .selectFrom('imports')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('file_sha256', '=', fileSha256)
    // A rejected upload or a dry run of the file does not make it a duplicate.
    .where('status', '=', 'imported')
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function getImport(db: Kysely<Database>, importId: string): Promise<ImportRecord | undefined> {
  const row = await db.selectFrom('imports').selectAll().where('import_id', '=', importId).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export interface ImportSummary extends Omit<ImportRecord, 'report'> {
  counts: ImportReport['counts'];
}

/** Newest first, `limit` at a time, after the one with sequence `before` (keyset pagination). */
export async function listImports(
  db: Kysely<Database>,
  options: { limit: number; before?: number; regionCode?: string; status?: RecordStatus },
): Promise<{ imports: ImportSummary[]; last: number | undefined; more: boolean }> {
  let query = db
    .selectFrom('imports')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(options.limit + 1);
  if (options.before !== undefined) query = query.where('seq', '<', options.before);
  if (options.regionCode) query = query.where('region_code', '=', options.regionCode);
  if (options.status) query = query.where('status', '=', options.status);
  const rows = await query.execute();
  const page = rows.slice(0, options.limit);
  return {
    imports: page.map((row) => {
      const { report, ...record } = toRecord(row);
      return { ...record, counts: report.counts };
    }),
    last: page.length > 0 ? Number(page.at(-1)?.seq) : undefined,
    more: rows.length > options.limit,
  };
}
