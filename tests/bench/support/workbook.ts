import ExcelJS from 'exceljs';
import { YEARS } from './national.ts';

export interface SheetLine {
  code: string;
  name: string;
  unit: string;
  values: readonly number[];
}

/**
 * Writes a bureau's sheet as our templates lay it out (indicator code, name, unit, one column per report year)
 * with exceljs's streaming writer, so a file of 84,000 rows is written in seconds and never held whole.
 */
export async function writeSheet(path: string, lines: Iterable<SheetLine>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = workbook.addWorksheet('指标');
  sheet.addRow(['指标代码', '指标', '单位', ...YEARS.map((year) => `${year}年`)]).commit();
  for (const line of lines) sheet.addRow([line.code, line.name, line.unit, ...line.values]).commit();
  sheet.commit();
  await workbook.commit();
}
