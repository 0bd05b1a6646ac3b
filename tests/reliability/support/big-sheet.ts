import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/database/schema.ts';
import { IMPORT_PLAN, IMPORT_REGION, prepare, sheetLines } from '../../bench/import.ts';
import { writeSheet } from '../../bench/support/workbook.ts';

/**
 * A bureau's sheet at the size that took the service down (issue 12): 120,000 indicator rows × 5 report years =
 * 600,000 values, about 5 MB, written by the benchmarks' streaming writer over the benchmarks' catalog (an
 * indicator and a 2015 target per row, for region IMPORT_REGION of plan IMPORT_PLAN).
 */
export const BIG_SHEET_ROWS = 120_000;
export { IMPORT_PLAN as BIG_SHEET_PLAN, IMPORT_REGION as BIG_SHEET_REGION };

/** The catalog the big sheet's rows name, appended and projected (the database must be migrated or empty). */
export const prepareBigSheetCatalog = (db: Kysely<Database>, rows = BIG_SHEET_ROWS) => prepare(db, rows);

/** Writes the sheet into `dir`; returns its path and size. */
export async function writeBigSheet(
  dir: string,
  rows = BIG_SHEET_ROWS,
): Promise<{ path: string; bytes: number }> {
  const path = join(dir, `sheet-${rows}.xlsx`);
  await writeSheet(path, sheetLines(rows));
  return { path, bytes: (await stat(path)).size };
}
