import { resolve } from 'node:path';
import ExcelJS from 'exceljs';

/**
 * Lianyungang's 2011–2015 values for six targets of its plan (all 2015 targets), chosen so the final evaluation
 * has some met and some missed: mobile phones (400 万户), egress bandwidth (460 G) and cable TV (90 %) met;
 * broadband (100 万户), electronics revenue (500 亿元) and software revenue (10 亿元, falling) missed. Written
 * into the generated template (templates/lianyungang-12fyp.xlsx), one file per set of report years.
 */
export const PLAN = 'lianyungang-12fyp';
export const REGION = '320700';

export const VALUES: Record<string, Record<number, number>> = {
  'mobile-phone-subscribers': { 2011: 330.5, 2012: 345, 2013: 362.8, 2014: 372.416, 2015: 405 },
  'internet-egress-bandwidth': { 2011: 240, 2012: 300, 2013: 360, 2014: 420, 2015: 470 },
  'cable-tv-household-penetration': { 2011: 82, 2012: 84, 2013: 86, 2014: 88, 2015: 91 },
  'broadband-subscribers': { 2011: 41, 2012: 42.5, 2013: 44, 2014: 45, 2015: 46 },
  'electronic-manufacturing-revenue': { 2011: 100, 2012: 115, 2013: 130, 2014: 150, 2015: 170 },
  'software-it-services-revenue': { 2011: 1.1, 2012: 1.0, 2013: 0.9, 2014: 0.8, 2015: 0.7 },
};

const templatePath = resolve(import.meta.dirname, '../../../templates', `${PLAN}.xlsx`);

/** The template with the values of `years` written in (other year cells left empty). */
export async function workbookFor(years: readonly number[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(templatePath);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the template has no sheet');
  const headings = new Map<string, number>();
  sheet.getRow(2).eachCell((cell, column) => headings.set(String(cell.value), column));
  const codeColumn = headings.get('指标代码');
  if (!codeColumn) throw new Error('the template has no 指标代码 column');
  let written = 0;
  sheet.eachRow((row) => {
    const values = VALUES[String(row.getCell(codeColumn).value ?? '')];
    if (!values) return;
    for (const year of years) {
      const column = headings.get(`${year}年`);
      const value = values[year];
      if (!column || value === undefined) throw new Error(`no ${year}年 column or value`);
      row.getCell(column).value = value;
      written++;
    }
  });
  if (written !== Object.keys(VALUES).length * years.length) throw new Error(`wrote ${written} values`);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
