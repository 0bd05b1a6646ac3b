import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';

/**
 * The workbook the browser test uploads: Lianyungang's 2011–2014 values for ten indicators, chosen so the
 * scorecard shows several statuses (a falling revenue regresses, a share reaches its target). Written into the
 * generated template when `templates/lianyungang-12fyp.xlsx` exists, else into a sheet shaped like the plan's
 * appendix table (附件1). `cellOf(code, year)` tells which cell took a value, for asserting the report's cells.
 */

export const PLAN = 'lianyungang-12fyp';
export const REGION = '320700';
export const YEARS = [2011, 2012, 2013, 2014] as const;

export interface FilledRow {
  code: string;
  /** As 附件1 prints it. */
  name: string;
  baseline: string;
  target: string;
  values: (number | string | { error: string })[];
}

export const ROWS: FilledRow[] = [
  {
    code: 'informatization-index',
    name: '信息化发展水平总指数',
    baseline: '0.62',
    target: '＞0.71',
    values: [0.64, 0.66, 0.68, 0.69],
  },
  {
    code: 'mobile-phone-subscribers',
    name: '移动电话用户（万户）',
    baseline: '316.21',
    target: '400',
    values: [330.5, 345, 362.8, 380],
  },
  {
    code: 'broadband-subscribers',
    name: '家庭宽带用户数（万户）',
    baseline: '39.64',
    target: '100',
    values: [41, 42.5, 44, 45],
  },
  {
    code: 'internet-egress-bandwidth',
    name: '互联网出口带宽（G）',
    baseline: '190',
    target: '460',
    // 4,200,000 G in 2014 (meant 420): implausible, imported only once the person confirms it (issue 14).
    values: [240, 300, 360, 4_200_000],
  },
  {
    code: 'cable-tv-household-penetration',
    name: '有线电视入户率（%）',
    baseline: '80',
    target: '90',
    values: [82, 84, 86, 88],
  },
  {
    code: 'electronic-manufacturing-revenue',
    name: '电子信息产品制造业主营业务收入（亿元）',
    baseline: '89.9',
    target: '500',
    values: [100, 115, 130, 150],
  },
  {
    code: 'software-it-services-revenue',
    name: '软件和信息服务业业务收入（亿元）',
    baseline: '1.2',
    target: '10',
    values: [1.1, 1.0, 0.9, 0.8],
  },
  {
    code: 'rural-information-service-coverage',
    name: '农村信息化服务覆盖率（%）',
    baseline: '61.48',
    target: '90',
    values: [70, 80, 88, 92],
  },
  {
    code: 'registered-software-products',
    name: '通过国家软件登记产品数（项）',
    baseline: '46',
    target: '100',
    values: [52, 58, 63, 68],
  },
  {
    code: 'certified-software-enterprises',
    name: '通过认证的软件企业数（家）',
    baseline: '11',
    target: '30',
    values: [14, 18, 22, 26],
  },
];

export interface FilledWorkbook {
  buffer: Buffer;
  /** 'template' or 'appendix': which layout was filled. */
  layout: 'template' | 'appendix';
  cellOf(code: string, year: number): string;
}

const templatePath = resolve(import.meta.dirname, '../../templates', `${PLAN}.xlsx`);

/** The rows with `change` applied: { code: { year: value } } replaces single values (for a revision upload). */
export function rowsWith(change: Record<string, Record<number, FilledRow['values'][number]>>): FilledRow[] {
  return ROWS.map((row) => ({
    ...row,
    values: row.values.map((value, i) => change[row.code]?.[YEARS[i] as number] ?? value),
  }));
}

/** The same sheet without its deliberate slip: a plain annual report that imports without confirmation. */
export const plausibleRows = (change: Parameters<typeof rowsWith>[0] = {}): FilledRow[] =>
  rowsWith({ 'internet-egress-bandwidth': { 2014: 420 }, ...change });

export async function filledWorkbook(rows: FilledRow[] = ROWS): Promise<FilledWorkbook> {
  if (existsSync(templatePath)) {
    const filled = await fillTemplate(rows);
    if (filled) return filled;
  }
  return appendixSheet(rows);
}

function write(cell: ExcelJS.Cell, value: FilledRow['values'][number]) {
  cell.value = typeof value === 'object' ? ({ error: value.error } as ExcelJS.CellErrorValue) : value;
}

/** A sheet shaped like 附件1: 指标 / 2010年实现情况 / 2015年预期目标 / 2011年 … 2014年, one row per indicator. */
async function appendixSheet(rows: FilledRow[]): Promise<FilledWorkbook> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('附件1');
  sheet.addRow(['指标', '2010年实现情况', '2015年预期目标', ...YEARS.map((year) => `${year}年`)]);
  const cells = new Map<string, string>();
  rows.forEach((row, index) => {
    const r = index + 2;
    sheet.getCell(r, 1).value = row.name;
    sheet.getCell(r, 2).value = row.baseline;
    sheet.getCell(r, 3).value = row.target;
    row.values.forEach((value, i) => {
      const cell = sheet.getCell(r, 4 + i);
      write(cell, value);
      cells.set(`${row.code}|${YEARS[i]}`, `附件1!${cell.address}`);
    });
  });
  return {
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    layout: 'appendix',
    cellOf: (code, year) => cells.get(`${code}|${year}`) ?? '',
  };
}

/**
 * The generated template with the values written in: finds the header row with the report years and each
 * indicator's row by its code (the template keeps codes in a hidden column), leaving everything else as made.
 * Undefined when the template's layout is not recognised (then the appendix shape serves).
 */
async function fillTemplate(rows: FilledRow[]): Promise<FilledWorkbook | undefined> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(templatePath);
  const codes = new Map(rows.map((row) => [row.code, row]));
  for (const sheet of workbook.worksheets) {
    const yearColumns = new Map<number, number>();
    let codeColumn = 0;
    const rowOfCode = new Map<string, number>();
    sheet.eachRow((row, rowNumber) => {
      row.eachCell((cell, column) => {
        const text = String(cell.text ?? '').trim();
        const year = /^(20\d\d)\s*年?(?:实现情况)?$/.exec(text)?.[1];
        if (
          year &&
          YEARS.includes(Number(year) as (typeof YEARS)[number]) &&
          !yearColumns.has(Number(year))
        ) {
          yearColumns.set(Number(year), column);
        }
        if (codes.has(text)) {
          codeColumn ||= column;
          rowOfCode.set(text, rowNumber);
        }
      });
    });
    if (yearColumns.size !== YEARS.length || !codeColumn || rowOfCode.size !== rows.length) continue;
    const cells = new Map<string, string>();
    for (const row of rows) {
      const r = rowOfCode.get(row.code) as number;
      row.values.forEach((value, i) => {
        const year = YEARS[i] as number;
        const cell = sheet.getCell(r, yearColumns.get(year) as number);
        write(cell, value);
        cells.set(`${row.code}|${year}`, `${sheet.name}!${cell.address}`);
      });
    }
    return {
      buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
      layout: 'template',
      cellOf: (code, year) => cells.get(`${code}|${year}`) ?? '',
    };
  }
  return undefined;
}
