import ExcelJS from 'exceljs';
import type { Observation } from '../../../src/imports/report.ts';
import { loadSeedCatalog } from '../../../src/seeding/seed-catalog.ts';

const seeds = loadSeedCatalog();
const indicators = new Map(seeds.indicators.map((indicator) => [indicator.code, indicator]));

const round = (value: number) => Math.round(value * 100) / 100;

export interface FilledTemplate {
  file: Buffer;
  /** The observations the filled year cells must read as. */
  written: Observation[];
  /** Headings of row 2 by column letter, and each data row's code and unit. */
  headings: Map<number, string>;
  rows: { row: number; code: string; unit: string; label: string }[];
}

/**
 * A clerk's work on a template: a value for each year 2011–2014 in every row that has a number to go by (the
 * plan's own target, else the 2010 baseline), growing year by year towards it; two parts written 3（12）, three
 * parts 30、10、4. Returns the file and the observations those cells must become.
 */
export async function fillTemplate(
  template: Buffer,
  sheetName: string,
  region: string,
): Promise<FilledTemplate> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const headings = new Map<number, string>();
  sheet.getRow(2).eachCell((cell, column) => headings.set(column, String(cell.value)));
  const column = (heading: string) => [...headings].find(([, text]) => text === heading)?.[0];
  const targetColumns = [...headings].filter(([, text]) => text.endsWith('预期目标')).map(([c]) => c);
  const ownTarget = targetColumns.at(-1) ?? 0;
  const baseline = column('2010年实现情况') ?? 0;
  const written: Observation[] = [];
  const rows: FilledTemplate['rows'] = [];
  sheet.eachRow((row, number) => {
    if (number < 3) return;
    const code = String(row.getCell(1).value ?? '');
    const indicator = indicators.get(code);
    if (!indicator) return;
    const unit = row.getCell(4).value === null ? '' : String(row.getCell(4).value);
    // The row label as the template prints it (column C), which the report's observations carry.
    const label = String(row.getCell(3).value ?? '')
      .replace(/\s+/gu, ' ')
      .trim();
    rows.push({ row: number, code, unit, label });
    const numbersIn = (value: unknown) =>
      [...String(value ?? '').matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
    const target = String(row.getCell(ownTarget).value ?? '');
    if (target.includes('级')) return; // tiered targets: no single value to aim at
    let numbers = numbersIn(target);
    const from = numbersIn(row.getCell(baseline).value);
    // A row with a baseline and no target (a context indicator of the plan's status chapter) moves a little from
    // its baseline each year, a share never past 100 %.
    const contextOnly = numbers.length === 0;
    if (contextOnly) numbers = from;
    if (numbers.length === 0) return;
    // From the baseline towards the target where the row has both, as a region's figures go (a value far below its
    // own baseline is implausible and would be refused unless confirmed); else a share of the one number known.
    const start = from.length === numbers.length && numbers !== from ? from : undefined;
    for (const year of [2011, 2012, 2013, 2014]) {
      const yearColumn = column(`${year}年`);
      if (!yearColumn) throw new Error(`no ${year}年 column`);
      const share = 0.5 + 0.1 * (year - 2011);
      const values = numbers.map((n, index) => {
        if (contextOnly) {
          const moved = n * (1 + 0.01 * (year - 2010));
          return round(unit === '%' ? Math.min(moved, 100) : moved);
        }
        const b = start?.[index];
        return round(b === undefined ? n * share : b + (n - b) * share);
      });
      const parts = indicator.parts;
      const cell = row.getCell(yearColumn);
      const observe = (part: string | null, value: number) => {
        written.push({
          region,
          indicator: { code, name: indicator.name, unit },
          part,
          tier: null,
          year,
          kind: 'actual',
          comparator: 'eq',
          value,
          cell: `${sheetName}!${cell.address}`,
          rowLabel: label,
        });
      };
      if (parts.length === 2 && values.length >= 2) {
        cell.value = `${values[0]}（${values[1]}）`;
        for (const [index, part] of parts.entries()) observe(part.code, values[index] ?? 0);
      } else if (parts.length === 3 && values.length >= 3) {
        cell.value = values.slice(0, 3).join('、');
        for (const [index, part] of parts.entries()) observe(part.code, values[index] ?? 0);
      } else {
        cell.value = values[0] ?? 0;
        observe(null, values[0] ?? 0);
      }
    }
  });
  return { file: Buffer.from(await workbook.xlsx.writeBuffer()), written, headings, rows };
}
