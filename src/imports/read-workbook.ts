import { Readable } from 'node:stream';
import { toCellInput } from './cell-input.ts';
import { checkWorkbookFile } from './check-container.ts';
import type { ImportLimits } from './limits.ts';
import { refuse, WorkbookRefused } from './refusal.ts';
import { cellAddress, type SheetCell, type SheetRow, type SheetRows, type WorkbookRows } from './workbook.ts';
import { readZipDirectory } from './zip-directory.ts';

/**
 * exceljs is loaded when a workbook is first read, not when the app starts: the HTTP app (also bundled for
 * Workers) and every entry point import this module, most of them never read a workbook.
 */
const loadExcelJS = async () => (await import('exceljs')).default;

/**
 * The one place that reads xlsx files: checks the container (not encrypted, not a zip bomb), then reads it with
 * exceljs — the full reader for small files, so merged cells of a printed appendix table carry their master's
 * value, and the streaming reader above `streamingAboveBytes` (or sheets above `streamingAboveSheetBytes`
 * inflated), so memory stays flat (it loses merges; our
 * templates have none). Row and cell caps apply to both. Throws WorkbookRefused.
 */
export async function readWorkbook(file: Buffer, limits: ImportLimits): Promise<WorkbookRows> {
  await checkWorkbookFile(file, limits);
  const counter = new SizeCounter(limits);
  const inflatesLarge = sheetBytes(file, limits) > limits.streamingAboveSheetBytes && (await canStream());
  if (file.length > limits.streamingAboveBytes || inflatesLarge) {
    return { reader: 'streaming', sheets: streamSheets(file, counter) };
  }
  return { reader: 'full', sheets: await loadSheets(file, counter) };
}

/** Workers get exceljs's browser build, which has no streaming reader (and uploads there stop at 2 MB). */
const canStream = async () => typeof (await loadExcelJS()).stream?.xlsx?.WorkbookReader === 'function';

/** What the worksheets and their shared strings inflate to, as the zip's directory declares it. */
function sheetBytes(file: Buffer, limits: ImportLimits): number {
  const directory = readZipDirectory(file, limits.maxEntries);
  if (!directory.ok) return 0;
  return directory.entries
    .filter((entry) => entry.name.startsWith('xl/worksheets/') || entry.name === 'xl/sharedStrings.xml')
    .reduce((sum, entry) => sum + entry.uncompressedSize, 0);
}

class SizeCounter {
  private rows = 0;
  private cells = 0;
  constructor(private readonly limits: ImportLimits) {}

  count(cells: number): void {
    this.rows += 1;
    this.cells += cells;
    if (this.rows > this.limits.maxRows) {
      refuse(
        'too_many_rows',
        `工作簿超过 ${this.limits.maxRows} 行，已拒绝。请只上传指标表。`,
        `The workbook has more than ${this.limits.maxRows} rows and is refused. Upload the indicator table only.`,
      );
    }
    if (this.cells > this.limits.maxCells) {
      refuse(
        'too_many_rows',
        `工作簿超过 ${this.limits.maxCells} 个非空单元格，已拒绝。请只上传指标表。`,
        `The workbook has more than ${this.limits.maxCells} non-empty cells and is refused. Upload the indicator table only.`,
      );
    }
  }
}

function unreadable(error: unknown): never {
  if (error instanceof WorkbookRefused) throw error;
  const detail = error instanceof Error ? error.message.slice(0, 200) : String(error);
  return refuse(
    'workbook_unreadable',
    `工作簿已损坏，无法读取（${detail}）。请在 Excel 中打开并另存为 .xlsx 后重新上传。`,
    `The workbook is damaged and cannot be read (${detail}). Open it in Excel, save it as .xlsx and upload again.`,
  );
}

interface ExcelCell {
  value: unknown;
  numFmt?: string;
  isMerged?: boolean;
  master?: ExcelCell;
  col: number | string;
}

function toSheetCell(cell: ExcelCell, row: number): SheetCell | undefined {
  const source = cell.isMerged && cell.master ? cell.master : cell;
  const { input, printed } = toCellInput(source.value, source.numFmt);
  if (input.kind === 'empty' || (input.kind === 'text' && input.text.trim() === '')) return undefined;
  const column = Number(cell.col);
  return { column, address: cellAddress(column, row), input, printed };
}

async function loadSheets(file: Buffer, counter: SizeCounter): Promise<SheetRows[]> {
  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (error) {
    unreadable(error);
  }
  return workbook.worksheets.map((sheet) => {
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: SheetCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell) => {
        const read = toSheetCell(cell as unknown as ExcelCell, number);
        if (read) cells.push(read);
      });
      if (cells.length === 0) return;
      counter.count(cells.length);
      rows.push({ number, cells });
    });
    return { name: sheet.name, rows };
  });
}

const detached = new WeakSet<unknown[]>();

/**
 * The shared strings (every row name and code of a national sheet) are read by the XML parser as slices of the
 * decoded chunks of sharedStrings.xml, and each slice keeps its whole chunk alive for the rest of the import: 14
 * MB of chunks for 6 MB of strings in the 420,000-value bench. Each is replaced by a copy of its own once they are
 * all read (when the first sheet begins).
 */
function detachSharedStrings(reader: { sharedStrings?: unknown[] }): void {
  const strings = reader.sharedStrings;
  if (!strings || detached.has(strings)) return;
  detached.add(strings);
  for (let i = 0; i < strings.length; i++) {
    const text = strings[i];
    // A JSON round trip makes a flat string of its own (slice, concat and normalize may share the parent).
    if (typeof text === 'string') strings[i] = JSON.parse(JSON.stringify(text));
  }
}

interface StreamedRow {
  number: number;
  eachCell(options: { includeEmpty: boolean }, visit: (cell: ExcelCell) => void): void;
}

async function* streamSheets(file: Buffer, counter: SizeCounter): AsyncGenerator<SheetRows> {
  const ExcelJS = await loadExcelJS();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader as AsyncIterable<
      AsyncIterable<StreamedRow> & { name?: string; id?: number }
    >) {
      detachSharedStrings(reader as { sharedStrings?: unknown[] });
      const name = sheet.name ?? `Sheet${sheet.id ?? ''}`;
      // exceljs cannot skip ahead: the consumer reads every row of a sheet before asking for the next sheet.
      const rows = (async function* () {
        try {
          for await (const row of sheet) {
            const cells: SheetCell[] = [];
            row.eachCell({ includeEmpty: false }, (cell) => {
              const read = toSheetCell(cell, row.number);
              if (read) cells.push(read);
            });
            if (cells.length === 0) continue;
            counter.count(cells.length);
            yield { number: row.number, cells };
          }
        } catch (error) {
          unreadable(error);
        }
      })();
      yield { name, rows };
    }
  } catch (error) {
    unreadable(error);
  }
}
