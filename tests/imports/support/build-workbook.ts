import type ExcelJS from 'exceljs';

/** A cell as a test writes it: text, a number (optionally shown as a percentage), a formula with its result. */
export type TestCell =
  | string
  | number
  | null
  | { percent: number }
  | { formula: string; result: number | string | undefined }
  | { date: string }
  | { error: string };

export function setCell(sheet: ExcelJS.Worksheet, address: string, value: TestCell): void {
  const cell = sheet.getCell(address);
  if (value === null) return;
  if (typeof value === 'string' || typeof value === 'number') {
    cell.value = value;
  } else if ('percent' in value) {
    cell.value = value.percent;
    cell.numFmt = '0.0%';
  } else if ('formula' in value) {
    cell.value = { formula: value.formula, result: value.result } as ExcelJS.CellFormulaValue;
  } else if ('date' in value) {
    cell.value = new Date(value.date);
  } else {
    cell.value = { error: value.error } as ExcelJS.CellErrorValue;
  }
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const columnLetter = (index: number) => String.fromCharCode(64 + index);
