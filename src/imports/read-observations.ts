import type { ColumnRole } from './headings.ts';
import type { ImportContext } from './import-context.ts';
import { ProblemList } from './problems.ts';
import { readRow } from './read-row.ts';
import { refuse } from './refusal.ts';
import type { ReadObservation } from './report.ts';
import { buildLayout, headerRoles, type SheetLayout } from './sheet-layout.ts';
import type { SheetRow, WorkbookRows } from './workbook.ts';

/** Title rows above a header are few; a sheet whose first rows hold no header has none. */
const HEADER_SCAN_ROWS = 30;

/** The sheet our templates carry their instructions on: read by people, not by us. */
export const INSTRUCTIONS_SHEET = '填报说明';

export interface ReadResult {
  observations: ReadObservation[];
  problems: ProblemList;
  /** Sheets a header was found in. */
  tables: string[];
}

/**
 * Workbook rows → observations and problems, sheet by sheet and row by row, all at once (see readRows).
 */
export async function readObservations(workbook: WorkbookRows, context: ImportContext): Promise<ReadResult> {
  const problems = new ProblemList();
  const observations: ReadObservation[] = [];
  const tables: string[] = [];
  for await (const row of readRows(workbook, context, problems, tables)) observations.push(...row);
  return { observations, problems, tables };
}

/**
 * Workbook rows → observations, yielded row by row as the workbook is read (a streamed workbook is never held
 * whole), problems into `problems`, the names of the sheets a header was found in into `tables`. In each sheet
 * the header row is looked for among the first rows (title rows above it are the table's title); every row below
 * it is read by readRow. Problems of the file as a whole (no header anywhere) are added once every sheet has been
 * read; a workbook without any cell is refused (WorkbookRefused).
 */
export async function* readRows(
  workbook: WorkbookRows,
  context: ImportContext,
  problems: ProblemList,
  tables: string[] = [],
): AsyncGenerator<ReadObservation[]> {
  const withoutHeader: string[] = [];
  let anyCell = false;
  for await (const sheet of workbook.sheets) {
    let layout: SheetLayout | undefined;
    let scanned = 0;
    let content = false;
    for await (const row of sheet.rows as AsyncIterable<SheetRow>) {
      anyCell = true;
      content = true;
      if (layout) {
        const observations: ReadObservation[] = [];
        readRow(sheet.name, row, layout, context, problems, observations);
        if (observations.length > 0) yield observations;
        continue;
      }
      if (scanned >= HEADER_SCAN_ROWS) continue;
      scanned++;
      const roles: Map<number, ColumnRole> | undefined = headerRoles(row);
      if (roles) layout = buildLayout(sheet.name, row, roles, context, problems);
    }
    if (layout) tables.push(sheet.name);
    else if (content && sheet.name !== INSTRUCTIONS_SHEET) withoutHeader.push(sheet.name);
  }
  if (!anyCell) {
    refuse(
      'workbook_empty',
      '工作簿中没有任何内容。请在模板中填写数值后上传。',
      'The workbook has no content at all. Fill in the template and upload it.',
    );
  }
  if (tables.length === 0) {
    problems.error('no_header', undefined, {
      zh: `没有找到表头行（如“指标 | 2010年实现情况 | 2015年预期目标 | 2011年”）。工作表：${withoutHeader.join('、') || '无'}。请使用模板，或在表格上方加一行表头。`,
      en: `No header row was found (such as "指标 | 2010年实现情况 | 2015年预期目标 | 2011年"). Sheets: ${withoutHeader.join(', ') || 'none'}. Use the template, or add a header row above the table.`,
    });
  } else {
    for (const name of withoutHeader) {
      problems.warning('sheet_without_header', `${name}!A1`, {
        zh: `工作表“${name}”中没有找到表头行，未读取。`,
        en: `No header row was found in sheet "${name}"; it was not read.`,
      });
    }
  }
}
