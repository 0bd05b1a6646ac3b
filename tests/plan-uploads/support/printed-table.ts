import ExcelJS from 'exceljs';

/**
 * A 14th Five-Year plan's indicator table for 武汉市 (420100, a region the seed catalog does not have), made the way
 * a plan document prints it: a title row merged across, categories merged down the rows, units in the names,
 * full-width signs (＞95, ＜1.3), a compound cell (城市：1000，农村：100), a tier cell (省级>98，市级>95，县级>90),
 * an annual growth target, a row the catalog already knows (移动电话用户), and a note under the table.
 * `change` replaces targets by indicator name (for a revised table).
 */
export const REGION = '420100';
export const TITLE = '武汉市“十四五”信息化发展规划';

export interface PrintedRow {
  category: string;
  name: string;
  baseline: string | number;
  target: string | number;
}

export const ROWS: PrintedRow[] = [
  { category: '一、数字基础设施', name: '固定宽带家庭普及率（%）', baseline: 90, target: '＞95' },
  { category: '一、数字基础设施', name: '5G基站数（万个）', baseline: 1.2, target: 5 },
  {
    category: '一、数字基础设施',
    name: '城乡宽带接入能力（Mbps）',
    baseline: '城市：1000，农村：100',
    target: '城市：10000，农村：1000',
  },
  { category: '一、数字基础设施', name: '数据中心平均电能使用效率（PUE）', baseline: 1.6, target: '＜1.3' },
  {
    category: '二、数字政府',
    name: '政务服务事项网上可办率（%）',
    baseline: 85,
    target: '省级>98，市级>95，县级>90',
  },
  { category: '二、数字政府', name: '移动电话用户（万户）', baseline: 1500, target: 1800 },
  {
    category: '三、数字经济',
    name: '软件和信息技术服务业业务收入（亿元）',
    baseline: 1800,
    target: '年均增长15%',
  },
  { category: '三、数字经济', name: '数字经济核心产业增加值占GDP比重（%）', baseline: 8, target: 12 },
];

export async function printedTable(
  rows: PrintedRow[] = ROWS,
  options: { extraColumns?: { heading: string; values: Record<string, string> }[] } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('附件');
  const extra = options.extraColumns ?? [];
  const width = 4 + extra.length;
  sheet.getCell(1, 1).value = `附件  ${TITLE.replace('规划', '')}主要指标`;
  sheet.mergeCells(1, 1, 1, width);
  ['类别', '指    标', '2020年', '2025年目标', ...extra.map((column) => column.heading)].forEach(
    (heading, i) => {
      sheet.getCell(2, i + 1).value = heading;
    },
  );
  let start = 3;
  rows.forEach((row, i) => {
    const r = i + 3;
    sheet.getCell(r, 1).value = row.category;
    sheet.getCell(r, 2).value = row.name;
    sheet.getCell(r, 3).value = row.baseline;
    sheet.getCell(r, 4).value = row.target;
    extra.forEach((column, j) => {
      const value = column.values[row.name];
      if (value !== undefined) sheet.getCell(r, 5 + j).value = value;
    });
    const next = rows[i + 1];
    if (next?.category !== row.category) {
      if (r > start) sheet.mergeCells(start, 1, r, 1);
      start = r + 1;
    }
  });
  sheet.getCell(rows.length + 3, 1).value = '注：5G基站数为累计数。';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
