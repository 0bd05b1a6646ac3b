import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../../src/imports/limits.ts';
import { readWorkbook } from '../../src/imports/read-workbook.ts';
import { WorkbookRefused } from '../../src/imports/refusal.ts';
import type { SheetCell, WorkbookRows } from '../../src/imports/workbook.ts';

// What the reader keeps alive, not the garbage it leaves for later: heapUsed counts both, and how much garbage
// waits depends on when V8 last collected (a full suite run measured 192 MB of it). A collection before each
// reading makes the figure the live heap.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function sample(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('附件1');
  sheet.mergeCells('A1:D1');
  sheet.getCell('A1').value = '标题';
  sheet.mergeCells('A2:A3');
  sheet.getCell('A2').value = '总体目标';
  sheet.getCell('B2').value = '61.48';
  sheet.getCell('C2').value = 0.655;
  sheet.getCell('C2').numFmt = '0.0%';
  sheet.getCell('D2').value = { formula: 'B3*2', result: 12 } as ExcelJS.CellFormulaValue;
  sheet.getCell('B3').value = new Date('2012-03-01T00:00:00Z');
  sheet.getCell('C3').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
  sheet.getCell('D3').value = { formula: 'C3+1' } as ExcelJS.CellFormulaValue;
  sheet.getCell('E3').value = { richText: [{ text: '＞' }, { text: '70' }] };
  sheet.getColumn(6).hidden = true;
  sheet.getCell('F2').value = 'broadband-penetration';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function cellsOf(workbook: WorkbookRows): Promise<Record<string, SheetCell['input']>> {
  const cells: Record<string, SheetCell['input']> = {};
  for await (const sheet of workbook.sheets) {
    for await (const row of sheet.rows)
      for (const cell of row.cells) cells[`${sheet.name}!${cell.address}`] = cell.input;
  }
  return cells;
}

const limits = (overrides: Partial<ImportLimits>) => ({ ...DEFAULT_IMPORT_LIMITS, ...overrides });

describe('the workbook reader', () => {
  it('reads small files whole: merged cells carry their master’s value, every kind of cell told apart', async () => {
    const workbook = await readWorkbook(await sample(), DEFAULT_IMPORT_LIMITS);
    expect(workbook.reader).toBe('full');
    expect(await cellsOf(workbook)).toEqual({
      '附件1!A1': { kind: 'text', text: '标题' },
      '附件1!B1': { kind: 'text', text: '标题' },
      '附件1!C1': { kind: 'text', text: '标题' },
      '附件1!D1': { kind: 'text', text: '标题' },
      '附件1!A2': { kind: 'text', text: '总体目标' },
      '附件1!B2': { kind: 'text', text: '61.48' },
      '附件1!C2': { kind: 'number', value: 0.655, percentFormat: true },
      '附件1!D2': { kind: 'formula', result: 12, percentFormat: false },
      '附件1!F2': { kind: 'text', text: 'broadband-penetration' },
      '附件1!A3': { kind: 'text', text: '总体目标' },
      '附件1!B3': { kind: 'date' },
      '附件1!C3': { kind: 'error', text: '#DIV/0!' },
      '附件1!D3': { kind: 'formula', result: undefined, percentFormat: false },
      '附件1!E3': { kind: 'text', text: '＞70' },
    });
  });

  it('reads large files with the streaming reader: the same cells, but merged cells only at their master', async () => {
    const workbook = await readWorkbook(await sample(), limits({ streamingAboveBytes: 0 }));
    expect(workbook.reader).toBe('streaming');
    const cells = await cellsOf(workbook);
    expect(cells['附件1!B1']).toBeUndefined();
    expect(cells['附件1!A3']).toBeUndefined();
    expect(cells['附件1!A1']).toEqual({ kind: 'text', text: '标题' });
    expect(cells['附件1!C2']).toEqual({ kind: 'number', value: 0.655, percentFormat: true });
    expect(cells['附件1!B3']).toEqual({ kind: 'date' });
    expect(cells['附件1!E3']).toEqual({ kind: 'text', text: '＞70' });
  });

  it.each([
    ['full', {}],
    ['streaming', { streamingAboveBytes: 0 }],
  ])('stops at the row cap with the %s reader', async (_reader, overrides) => {
    const file = await sample();
    // The full reader counts while it loads, the streaming one while it is read: either way, no table comes out.
    await expect(readWorkbook(file, limits({ ...overrides, maxRows: 2 })).then(cellsOf)).rejects.toSatisfy(
      (error) => error instanceof WorkbookRefused && error.code === 'too_many_rows',
    );
  });

  it('keeps memory flat on a large file: 50,000 rows streamed, never held', async () => {
    const path = `${process.env.TMPDIR ?? '/tmp'}/plan-monitor-large-${process.pid}.xlsx`;
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const sheet = writer.addWorksheet('数据');
    sheet.addRow(['指标', '2011年', '2012年', '2013年', '备注']).commit();
    for (let row = 0; row < 50_000; row++) {
      const note = `第${row}行的备注文字，说明数据来源与口径：${(row * 7919) % 100_000}`;
      sheet.addRow([`指标${row}`, row * 1.5, row * 2.5, row * 3.5, note]).commit();
    }
    await writer.commit();
    const { readFile, rm } = await import('node:fs/promises');
    const file = await readFile(path);
    await rm(path);
    expect(file.length).toBeGreaterThan(DEFAULT_IMPORT_LIMITS.streamingAboveBytes);

    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let rows = 0;
    const workbook = await readWorkbook(file, DEFAULT_IMPORT_LIMITS);
    expect(workbook.reader).toBe('streaming');
    for await (const sheetRows of workbook.sheets) {
      for await (const _row of sheetRows.rows) {
        rows++;
        if (rows % 5_000 === 0) {
          collectGarbage();
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
      }
    }
    expect(rows).toBe(50_001);
    const grownMb = (peak - before) / 1024 / 1024;
    console.log(
      `large file: ${(file.length / 1024 / 1024).toFixed(1)} MB, 50,001 rows streamed, live heap grew ${grownMb.toFixed(0)} MB at most`,
    );
    // Held as they come, the rows are about 75 MB of live heap (checked); streamed, it stays near flat (~4 MB).
    expect(grownMb).toBeLessThan(50);
  }, 120_000);
});
