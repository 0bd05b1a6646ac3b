import { readZipDirectory } from './zip-directory.ts';

/**
 * A workbook to write, as plain data: what the template generator decides, with nothing of exceljs in it. The
 * writer is here because exceljs lives in src/imports only.
 */
export interface CellSpec {
  value: string | number;
  bold?: boolean;
  /** ARGB fill, e.g. FFEFEFEF. */
  fill?: string;
  wrap?: boolean;
  /** Excel number format, e.g. 0.0% or #,##0.### */
  numFmt?: string;
  /** A thin border all round (a report's table). */
  border?: boolean;
}

export interface ValidationSpec {
  type: 'decimal';
  operator: 'greaterThanOrEqual' | 'between';
  formulae: number[];
  /** information: Excel explains and lets the clerk keep the entry (＞70 and 2(9) are legal text values). */
  errorStyle: 'information' | 'warning' | 'stop';
  promptTitle: string;
  prompt: string;
  errorTitle: string;
  error: string;
}

export interface SheetSpec {
  name: string;
  columns: { width: number; hidden?: boolean }[];
  /** Row by row from row 1; null leaves a cell empty. */
  rows: (CellSpec | null)[][];
  frozen?: { rows: number; columns: number };
  /** Validation of cells by 1-based row and column. */
  validations?: { row: number; column: number; rule: ValidationSpec }[];
  /** Ranges merged into one cell, e.g. A1:H1. */
  merges?: string[];
  /** Print setup: A4, fitted to the page width, header rows repeated on every page, page numbers. */
  print?: {
    orientation: 'portrait' | 'landscape';
    /** Rows repeated at the top of every printed page, e.g. 3:3. */
    titleRows?: string;
    /** Excel's header/footer codes: &P page, &N pages. */
    header?: string;
    footer?: string;
  };
}

export interface WorkbookSpec {
  creator: string;
  /** Written as the file's created and modified time, and as every zip entry's time: same spec, same bytes. */
  timestamp: Date;
  sheets: SheetSpec[];
}

export async function writeWorkbook(spec: WorkbookSpec): Promise<Buffer> {
  // Loaded on first use, as in read-workbook.ts.
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = spec.creator;
  workbook.lastModifiedBy = spec.creator;
  workbook.created = spec.timestamp;
  workbook.modified = spec.timestamp;
  for (const sheetSpec of spec.sheets) {
    const sheet = workbook.addWorksheet(sheetSpec.name, {
      views: sheetSpec.frozen
        ? [{ state: 'frozen', xSplit: sheetSpec.frozen.columns, ySplit: sheetSpec.frozen.rows }]
        : [],
    });
    sheetSpec.columns.forEach((column, index) => {
      const target = sheet.getColumn(index + 1);
      target.width = column.width;
      if (column.hidden) target.hidden = true;
    });
    sheetSpec.rows.forEach((cells, rowIndex) => {
      cells.forEach((cell, columnIndex) => {
        if (!cell) return;
        const target = sheet.getCell(rowIndex + 1, columnIndex + 1);
        target.value = cell.value;
        if (cell.bold) target.font = { bold: true };
        if (cell.fill) target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: cell.fill } };
        if (cell.wrap) target.alignment = { wrapText: true, vertical: 'top' };
        if (cell.numFmt) target.numFmt = cell.numFmt;
        if (cell.border) {
          const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
          target.border = { top: thin, left: thin, bottom: thin, right: thin };
        }
      });
    });
    for (const range of sheetSpec.merges ?? []) sheet.mergeCells(range);
    if (sheetSpec.print) {
      const { orientation, titleRows, header, footer } = sheetSpec.print;
      // paperSize 9 is A4.
      sheet.pageSetup = {
        ...sheet.pageSetup,
        paperSize: 9,
        orientation,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        ...(titleRows ? { printTitlesRow: titleRows } : {}),
      };
      if (header) sheet.headerFooter.oddHeader = header;
      if (footer) sheet.headerFooter.oddFooter = footer;
    }
    for (const { row, column, rule } of sheetSpec.validations ?? []) {
      sheet.getCell(row, column).dataValidation = {
        ...rule,
        allowBlank: true,
        showInputMessage: true,
        showErrorMessage: true,
      };
    }
  }
  const file = Buffer.from(await workbook.xlsx.writeBuffer());
  return withEntryTimes(file, spec.timestamp);
}

/** jszip stamps each entry with the current time; stamp them all with the spec's, so output is reproducible. */
function withEntryTimes(file: Buffer, at: Date): Buffer {
  const directory = readZipDirectory(file, 10_000);
  if (!directory.ok) return file;
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  const date = ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  const stamped = Buffer.from(file);
  for (const entry of directory.entries) {
    // Local header: time at +10, date at +12; its central directory record repeats them at +12 and +14.
    stamped.writeUInt16LE(time, entry.localHeaderOffset + 10);
    stamped.writeUInt16LE(date, entry.localHeaderOffset + 12);
    stamped.writeUInt16LE(time, entry.directoryOffset + 12);
    stamped.writeUInt16LE(date, entry.directoryOffset + 14);
  }
  return stamped;
}
