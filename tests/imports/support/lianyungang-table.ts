import ExcelJS from 'exceljs';
import { columnLetter, setCell, type TestCell, toBuffer } from './build-workbook.ts';

/**
 * 连云港 附件1 as the document prints it (shared/plan-documents/000_7f32ec414e3c4464.txt), with four year columns
 * a clerk added on the right. Each row: category, indicator as printed, its code, the 2010 cell, the 2015 target
 * cell, and 2011–2014. `expect` gives, per value cell, what it must read as: 'eq 0.62', 'demo:eq 2 pilot:eq 9',
 * or null when it reports nothing.
 */
export interface PrintedRow {
  category: string;
  name: string;
  code: string;
  unit: string;
  cells: TestCell[];
  expect: (string | null)[];
}

/** Headings of the value columns, in the forms the issue lists (2011年, 2012年实现情况, 2013, 2014年). */
export const LIANYUNGANG_HEADINGS = [
  '2010年实现情况',
  '2015年预期目标',
  '2011年',
  '2012年实现情况',
  '2013',
  '2014年',
];
export const LIANYUNGANG_YEARS: { kind: 'actual' | 'target'; year: number }[] = [
  { kind: 'actual', year: 2010 },
  { kind: 'target', year: 2015 },
  { kind: 'actual', year: 2011 },
  { kind: 'actual', year: 2012 },
  { kind: 'actual', year: 2013 },
  { kind: 'actual', year: 2014 },
];

export const LIANYUNGANG_ROWS: PrintedRow[] = [
  {
    category: '总体目标',
    name: '信息化发展水平总指数',
    code: 'informatization-index',
    unit: '',
    cells: ['0.62', '＞0.71', 0.64, '0.66', { formula: 'ROUND(0.68,2)', result: 0.68 }, '０．７'],
    expect: ['eq 0.62', 'gt 0.71', 'eq 0.64', 'eq 0.66', 'eq 0.68', 'eq 0.7'],
  },
  {
    category: '总体目标',
    name: '省两化融合示范（试验）区（个）',
    code: 'integration-demo-zones',
    unit: '个',
    cells: ['1', '4', 1, 2, 2, 3],
    expect: ['eq 1', 'gte 4', 'eq 1', 'eq 2', 'eq 2', 'eq 3'],
  },
  {
    category: '总体目标',
    name: '省两化融合示范（试点）企业（个）',
    code: 'integration-demo-pilot-enterprises',
    unit: '个',
    cells: ['2(9)', '10(20)', '3(11)', '4（13）', '6(15)', '8（18）'],
    expect: [
      'demo:eq 2 pilot:eq 9',
      'demo:gte 10 pilot:gte 20',
      'demo:eq 3 pilot:eq 11',
      'demo:eq 4 pilot:eq 13',
      'demo:eq 6 pilot:eq 15',
      'demo:eq 8 pilot:eq 18',
    ],
  },
  {
    category: '总体目标',
    name: '省农村信息化应用示范基地（个）',
    code: 'rural-informatization-demo-bases',
    unit: '个',
    cells: ['0', '8', 1, 3, 5, null],
    expect: ['eq 0', 'gte 8', 'eq 1', 'eq 3', 'eq 5', null],
  },
  {
    category: '经济信息化',
    name: '企业利用信息技术开展生产、管理、创新活动比例（%）',
    code: 'enterprise-it-application-ratio',
    unit: '%',
    cells: ['＜50', '＞70', '≈52', { percent: 0.555 }, 58.5, '60'],
    expect: ['lt 50', 'gt 70', 'approx 52', 'eq 55.5', 'eq 58.5', 'eq 60'],
  },
  {
    category: '经济信息化',
    name: '农村信息化服务覆盖率（%）',
    code: 'rural-information-service-coverage',
    unit: '%',
    cells: ['61.48', '90', 65, 70.2, 75, 80],
    expect: ['eq 61.48', 'gte 90', 'eq 65', 'eq 70.2', 'eq 75', 'eq 80'],
  },
  {
    category: '政府信息化',
    name: '各级政府部门核心业务信息化平均覆盖率（%）',
    code: 'government-core-business-informatization-coverage',
    unit: '%',
    cells: ['_____', '80', '—', 60, 66, 72],
    expect: [null, 'gte 80', null, 'eq 60', 'eq 66', 'eq 72'],
  },
  {
    category: '政府信息化',
    name: '跨部门核心业务协同办理率（%）',
    code: 'cross-department-collaboration-rate',
    unit: '%',
    cells: ['_____', '40', 20, 25, 30, 35],
    expect: [null, 'gte 40', 'eq 20', 'eq 25', 'eq 30', 'eq 35'],
  },
  {
    category: '社会信息化',
    name: '教育校园网覆盖率（%）',
    code: 'campus-network-coverage',
    unit: '%',
    cells: ['85', '100', 90, 100, 100, 100],
    expect: ['eq 85', 'gte 100', 'eq 90', 'eq 100', 'eq 100', 'eq 100'],
  },
  {
    category: '社会信息化',
    name: '综合数字化校园覆盖率（%）',
    code: 'digital-campus-coverage',
    unit: '%',
    cells: ['_____', '50', 10, 20, 30, 40],
    expect: [null, 'gte 50', 'eq 10', 'eq 20', 'eq 30', 'eq 40'],
  },
  {
    category: '社会信息化',
    name: '社会保障卡发卡量（万张）',
    code: 'social-security-cards-issued',
    unit: '万张',
    cells: ['0', '250', 50, '120万', 180, 220],
    expect: ['eq 0', 'gte 250', 'eq 50', 'eq 120', 'eq 180', 'eq 220'],
  },
  {
    category: '信息基础设施',
    name: '互联网出口带宽（G）',
    code: 'internet-egress-bandwidth',
    unit: 'G',
    cells: ['190', '460', 240, 300, 360, 420],
    expect: ['eq 190', 'gte 460', 'eq 240', 'eq 300', 'eq 360', 'eq 420'],
  },
  {
    category: '信息基础设施',
    name: '移动电话用户（万户）',
    code: 'mobile-phone-subscribers',
    unit: '万户',
    cells: ['316.21', '400', 330.5, 345, 362.8, 380],
    expect: ['eq 316.21', 'gte 400', 'eq 330.5', 'eq 345', 'eq 362.8', 'eq 380'],
  },
  {
    category: '信息基础设施',
    name: '家庭宽带用户数（万户）',
    code: 'broadband-subscribers',
    unit: '万户',
    cells: ['39.64', '100', 48, 60, 72, 85],
    expect: ['eq 39.64', 'gte 100', 'eq 48', 'eq 60', 'eq 72', 'eq 85'],
  },
  {
    category: '信息基础设施',
    name: '新一代移动通信网络覆盖率（%）',
    code: 'next-gen-mobile-network-coverage',
    unit: '%',
    cells: ['_____', '100', 40, 60, 80, 95],
    expect: [null, 'gte 100', 'eq 40', 'eq 60', 'eq 80', 'eq 95'],
  },
  {
    category: '信息基础设施',
    name: '城市、乡镇宽带接入能力（Mbps）',
    code: 'broadband-access-capacity',
    unit: 'Mbps',
    cells: ['20，8', '100，50', '30，10', '50、20', '60，30', '100，50'],
    expect: [
      'urban:eq 20 town:eq 8',
      'urban:gte 100 town:gte 50',
      'urban:eq 30 town:eq 10',
      'urban:eq 50 town:eq 20',
      'urban:eq 60 town:eq 30',
      'urban:eq 100 town:eq 50',
    ],
  },
  {
    category: '信息基础设施',
    name: '有线电视入户率（%）',
    code: 'cable-tv-household-penetration',
    unit: '%',
    cells: ['80', '90', 82, 84, 86, 88],
    expect: ['eq 80', 'gte 90', 'eq 82', 'eq 84', 'eq 86', 'eq 88'],
  },
  {
    category: '电子信息产业',
    name: '电子信息产品制造业主营业务收入（亿元）',
    code: 'electronic-manufacturing-revenue',
    unit: '亿元',
    cells: ['89.9', '500', 120, 180, 260, 350],
    expect: ['eq 89.9', 'gte 500', 'eq 120', 'eq 180', 'eq 260', 'eq 350'],
  },
  {
    category: '电子信息产业',
    name: '软件和信息服务业业务收入（亿元）',
    code: 'software-it-services-revenue',
    unit: '亿元',
    cells: ['1.2', '10', 2, 3.5, 5, 7],
    expect: ['eq 1.2', 'gte 10', 'eq 2', 'eq 3.5', 'eq 5', 'eq 7'],
  },
  {
    category: '电子信息产业',
    name: '通过认证的软件企业数（家）',
    code: 'certified-software-enterprises',
    unit: '家',
    cells: ['11', '30', 14, 18, 22, 26],
    expect: ['eq 11', 'gte 30', 'eq 14', 'eq 18', 'eq 22', 'eq 26'],
  },
  {
    category: '电子信息产业',
    name: '通过国家软件登记产品数（项）',
    code: 'registered-software-products',
    unit: '项',
    cells: ['46', '100', 55, 64, 76, 88],
    expect: ['eq 46', 'gte 100', 'eq 55', 'eq 64', 'eq 76', 'eq 88'],
  },
  {
    category: '信息安全',
    name: '数字证书累计发证数（张）',
    code: 'digital-certificates-issued',
    unit: '张',
    cells: ['185', '15000', 2000, '0.5万', 8000, 12000],
    expect: ['eq 185', 'gte 15000', 'eq 2000', 'eq 5000', 'eq 8000', 'eq 12000'],
  },
];

export const LIANYUNGANG_FOOTNOTE = '注：“2010年实现情况”栏中有“—”的为“十二五”时期新增目标。';

/**
 * The workbook: title row merged across, header with 指    标 merged over the category and indicator columns,
 * category cells merged down their rows, values as the document prints them (text), year columns on the right,
 * the footnote row merged across. `edit` changes cells before writing (for the wrong and revised variants).
 */
export async function lianyungangWorkbook(
  options: { rows?: PrintedRow[]; sheetName?: string; edit?: (sheet: ExcelJS.Worksheet) => void } = {},
): Promise<Buffer> {
  const rows = options.rows ?? LIANYUNGANG_ROWS;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName ?? '附件1');
  const last = columnLetter(2 + LIANYUNGANG_HEADINGS.length);
  sheet.mergeCells(`A1:${last}1`);
  sheet.getCell('A1').value = '连云港“十二五”时期经济和社会信息化发展主要指标';
  sheet.mergeCells('A2:B2');
  sheet.getCell('A2').value = '指    标';
  LIANYUNGANG_HEADINGS.forEach((heading, index) => {
    sheet.getCell(`${columnLetter(3 + index)}2`).value = heading;
  });
  let rowNumber = 3;
  let categoryStart = 3;
  rows.forEach((row, index) => {
    sheet.getCell(`B${rowNumber}`).value = row.name;
    row.cells.forEach((cell, column) => {
      setCell(sheet, `${columnLetter(3 + column)}${rowNumber}`, cell);
    });
    const next = rows[index + 1];
    if (!next || next.category !== row.category) {
      if (rowNumber > categoryStart) sheet.mergeCells(`A${categoryStart}:A${rowNumber}`);
      sheet.getCell(`A${categoryStart}`).value = row.category;
      categoryStart = rowNumber + 1;
    }
    rowNumber++;
  });
  sheet.mergeCells(`A${rowNumber}:${last}${rowNumber}`);
  sheet.getCell(`A${rowNumber}`).value = LIANYUNGANG_FOOTNOTE;
  options.edit?.(sheet);
  return toBuffer(workbook);
}

/** The row number of a printed row in lianyungangWorkbook (title and header above). */
export const lianyungangRowNumber = (code: string) =>
  3 + LIANYUNGANG_ROWS.findIndex((row) => row.code === code);
