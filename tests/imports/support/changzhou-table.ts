import ExcelJS from 'exceljs';
import { columnLetter, setCell, type TestCell, toBuffer } from './build-workbook.ts';

/**
 * 常州 附件 as the document prints it (shared/plan-documents/001_86a7a7d69309b317.txt from line 121): the 省 and
 * 市 target columns, the sub-rows of 经济社会各领域两化融合、信息化示范应用载体（个） whose 2010 cells carry their
 * label (示范（试验区）：2), and four year columns a clerk added. `group`: the indicator cell merged over sub-rows.
 */
export interface ChangzhouRow {
  category: string;
  name: string;
  code: string;
  unit: string;
  cells: TestCell[];
  expect: (string | null)[];
}

export const CHANGZHOU_HEADINGS = [
  '2010年实现情况',
  '省十二五规划预期目标',
  '市十二五规划预期目标',
  '2011年',
  '2012年',
  '2013年实现情况',
  '2014',
];

export const CHANGZHOU_COLUMNS = [
  { kind: 'actual', year: 2010, region: '320400' },
  { kind: 'target', year: 2015, region: '320000' },
  { kind: 'target', year: 2015, region: '320400' },
  { kind: 'actual', year: 2011, region: '320400' },
  { kind: 'actual', year: 2012, region: '320400' },
  { kind: 'actual', year: 2013, region: '320400' },
  { kind: 'actual', year: 2014, region: '320400' },
] as const;

const CARRIERS = '经济社会各领域两化融合、信息化示范应用载体（个）';

export const CHANGZHOU_ROWS: ChangzhouRow[] = [
  {
    category: '总体目标',
    name: '信息化发展水平总指数（以1为基准）',
    code: 'informatization-index',
    unit: '',
    cells: ['0.757', '>0.83', '>0.85', 0.77, 0.79, 0.8, 0.82],
    expect: ['eq 0.757', 'gt 0.83', 'gt 0.85', 'eq 0.77', 'eq 0.79', 'eq 0.8', 'eq 0.82'],
  },
  {
    category: '总体目标',
    name: CARRIERS,
    code: 'integration-demo-zones',
    unit: '个',
    cells: ['示范（试验区）：2', '>50', '>5', '示范（试验区）：2', 3, '3', '示范（试验区）：4'],
    expect: ['eq 2', 'gt 50', 'gt 5', 'eq 2', 'eq 3', 'eq 3', 'eq 4'],
  },
  {
    category: '总体目标',
    name: CARRIERS,
    code: 'integration-demo-bases',
    unit: '个',
    cells: ['示范基地（服务产业园）：2', '>50', '>5', 2, 3, 4, 4],
    expect: ['eq 2', 'gt 50', 'gt 5', 'eq 2', 'eq 3', 'eq 4', 'eq 4'],
  },
  {
    category: '总体目标',
    name: CARRIERS,
    code: 'integration-demo-pilot-enterprises',
    unit: '个',
    cells: [
      '示范（试点）企业：3（27）',
      '100（1000）',
      '10（100）',
      '4（35）',
      '示范（试点）企业：5(48)',
      '6（60）',
      '8（75）',
    ],
    expect: [
      'demo:eq 3 pilot:eq 27',
      'demo:gte 100 pilot:gte 1000',
      'demo:gte 10 pilot:gte 100',
      'demo:eq 4 pilot:eq 35',
      'demo:eq 5 pilot:eq 48',
      'demo:eq 6 pilot:eq 60',
      'demo:eq 8 pilot:eq 75',
    ],
  },
  {
    category: '总体目标',
    name: CARRIERS,
    code: 'rural-informatization-demo-bases',
    unit: '个',
    cells: ['农村信息化应用示范基地：—', '>100', '>10', 1, 2, 4, 6],
    expect: [null, 'gt 100', 'gt 10', 'eq 1', 'eq 2', 'eq 4', 'eq 6'],
  },
  {
    category: '经济信息化',
    name: '成套设备和传统产业整机产品信息化率（%）',
    code: 'equipment-product-informatization-rate',
    unit: '%',
    cells: ['15', '>40', '>45', 20, 26, 32, 38],
    expect: ['eq 15', 'gt 40', 'gt 45', 'eq 20', 'eq 26', 'eq 32', 'eq 38'],
  },
  {
    category: '经济信息化',
    name: '企业利用信息技术开展生产、管理、创新活动比率（%）',
    code: 'enterprise-it-application-ratio',
    unit: '%',
    cells: ['30', '>60', '>65', { percent: 0.38 }, 45, '５２', 58],
    expect: ['eq 30', 'gt 60', 'gt 65', 'eq 38', 'eq 45', 'eq 52', 'eq 58'],
  },
  {
    category: '经济信息化',
    name: '企业利用互联网开展电子商务比例（%）',
    code: 'enterprise-ecommerce-ratio',
    unit: '%',
    cells: ['13', '>60', '>65', 20, 30, 40, 50],
    expect: ['eq 13', 'gt 60', 'gt 65', 'eq 20', 'eq 30', 'eq 40', 'eq 50'],
  },
  {
    category: '经济信息化',
    name: '农业信息服务覆盖率（%）',
    code: 'rural-information-service-coverage',
    unit: '%',
    cells: ['—', '90', '100', 70, 80, 88, 95],
    expect: [null, 'gte 90', 'gte 100', 'eq 70', 'eq 80', 'eq 88', 'eq 95'],
  },
  {
    category: '政府信息化',
    name: '政府核心业务信息化覆盖率（%）',
    code: 'government-core-business-informatization-coverage',
    unit: '%',
    cells: ['80', '省级>90，市级>80，县级>70', '>90', 83, 86, 88, 90],
    expect: [
      'eq 80',
      '@province:gt 90 @city:gt 80 @county:gt 70',
      'gt 90',
      'eq 83',
      'eq 86',
      'eq 88',
      'eq 90',
    ],
  },
  {
    category: '政府信息化',
    name: '跨部门核心业务协同办理率（%）',
    code: 'cross-department-collaboration-rate',
    unit: '%',
    cells: ['46.32', '>50', '>50', 47, 48.5, 49, 50],
    expect: ['eq 46.32', 'gt 50', 'gt 50', 'eq 47', 'eq 48.5', 'eq 49', 'eq 50'],
  },
  {
    category: '政府信息化',
    name: '县级以上政府行政权力网上公开透明运行覆盖率（%）',
    code: 'online-administrative-power-coverage',
    unit: '%',
    cells: ['100', '100', '100', 100, 100, 100, 100],
    expect: ['eq 100', 'gte 100', 'gte 100', 'eq 100', 'eq 100', 'eq 100', 'eq 100'],
  },
  {
    category: '社会信息化',
    name: '城乡居民电子健康档案覆盖率（%）',
    code: 'ehealth-records-coverage',
    unit: '%',
    cells: ['27', '>70', '>70', 35, 45, 55, 65],
    expect: ['eq 27', 'gt 70', 'gt 70', 'eq 35', 'eq 45', 'eq 55', 'eq 65'],
  },
  {
    category: '社会信息化',
    name: '社会保障·市民卡累计发卡量（张）',
    code: 'social-security-cards-issued',
    unit: '张',
    cells: ['—', '4900万', '250万', '80万', 1200000, '160万', '210万'],
    expect: [null, 'gte 49000000', 'gte 2500000', 'eq 800000', 'eq 1200000', 'eq 1600000', 'eq 2100000'],
  },
  {
    category: '社会信息化',
    name: '省辖市城乡社区综合管理和服务信息平台覆盖率（%）',
    code: 'community-platform-coverage',
    unit: '%',
    cells: ['26', '>90', '100', 40, 55, 70, 85],
    expect: ['eq 26', 'gt 90', 'gte 100', 'eq 40', 'eq 55', 'eq 70', 'eq 85'],
  },
  {
    category: '信息基础设施',
    name: '计算机普及率（台/百人）',
    code: 'computer-penetration',
    unit: '台/百人',
    cells: ['—', '70', '80', 50, 58, 66, 74],
    expect: [null, 'gte 70', 'gte 80', 'eq 50', 'eq 58', 'eq 66', 'eq 74'],
  },
  {
    category: '信息基础设施',
    name: '行政村光缆、自然村宽带通达率（%）',
    code: 'village-fiber-broadband-reach',
    unit: '%',
    cells: ['—', '100', '100', 90, 95, 98, 100],
    expect: [null, 'gte 100', 'gte 100', 'eq 90', 'eq 95', 'eq 98', 'eq 100'],
  },
  {
    category: '信息基础设施',
    name: '城市、乡镇、农村家庭宽带接入能力（Mbps）',
    code: 'broadband-access-capacity',
    unit: 'Mbps',
    cells: ['2', '100、20、12', '100、20、12', '4', '20、8、4', '50，12，8', '100、20、12'],
    expect: [
      'eq 2',
      'urban:gte 100 town:gte 20 rural:gte 12',
      'urban:gte 100 town:gte 20 rural:gte 12',
      'eq 4',
      'urban:eq 20 town:eq 8 rural:eq 4',
      'urban:eq 50 town:eq 12 rural:eq 8',
      'urban:eq 100 town:eq 20 rural:eq 12',
    ],
  },
  {
    category: '信息基础设施',
    name: '宽带普及率（%）',
    code: 'broadband-penetration',
    unit: '%',
    cells: ['60.22', '80', '90', 65, 70, 76, 82],
    expect: ['eq 60.22', 'gte 80', 'gte 90', 'eq 65', 'eq 70', 'eq 76', 'eq 82'],
  },
  {
    category: '信息基础设施',
    name: '有线电视入户率（%）',
    code: 'cable-tv-household-penetration',
    unit: '%',
    cells: ['≈100', '85', '100', '≈100', 100, 100, 100],
    expect: ['approx 100', 'gte 85', 'gte 100', 'approx 100', 'eq 100', 'eq 100', 'eq 100'],
  },
  {
    category: '信息基础设施',
    name: '互动电视用户占比（%）',
    code: 'interactive-tv-share',
    unit: '%',
    cells: ['—', '—', '>80', 10, 25, 40, 55],
    expect: [null, null, 'gt 80', 'eq 10', 'eq 25', 'eq 40', 'eq 55'],
  },
  {
    category: '电子信息和软件服务产业',
    name: '电子信息产品制造业主营业务收入（亿元）',
    code: 'electronic-manufacturing-revenue',
    unit: '亿元',
    cells: ['1007', '>40000', '>3000', 1300, 1650, '0.2万亿', 2400],
    expect: ['eq 1007', 'gt 40000', 'gt 3000', 'eq 1300', 'eq 1650', 'eq 2000', 'eq 2400'],
  },
  {
    category: '电子信息和软件服务产业',
    name: '软件和信息服务业业务收入（亿元）',
    code: 'software-it-services-revenue',
    unit: '亿元',
    cells: ['101.38', '>8000', '>600', 150, 220, 320, 450],
    expect: ['eq 101.38', 'gt 8000', 'gt 600', 'eq 150', 'eq 220', 'eq 320', 'eq 450'],
  },
  {
    category: '电子信息和软件服务产业',
    name: '物联网产业业务收入（亿元）',
    code: 'iot-industry-revenue',
    unit: '亿元',
    cells: ['65', '>4000', '>300', 90, 130, 180, 240],
    expect: ['eq 65', 'gt 4000', 'gt 300', 'eq 90', 'eq 130', 'eq 180', 'eq 240'],
  },
];

/**
 * The workbook: a title row merged across, 目标类型 merged over the category and indicator columns, category
 * cells merged down, the carriers' indicator cell merged over its four sub-rows, values as printed (text).
 */
export async function changzhouWorkbook(
  options: { edit?: (sheet: ExcelJS.Worksheet) => void } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('附件');
  const last = columnLetter(2 + CHANGZHOU_HEADINGS.length);
  sheet.mergeCells(`A1:${last}1`);
  sheet.getCell('A1').value = '常州市“十二五”时期经济和社会信息化发展主要指标';
  sheet.mergeCells('A2:B2');
  sheet.getCell('A2').value = '目标类型';
  CHANGZHOU_HEADINGS.forEach((heading, index) => {
    sheet.getCell(`${columnLetter(3 + index)}2`).value = heading;
  });
  const mergeDown = (column: string, from: number, to: number, value: string) => {
    if (to > from) sheet.mergeCells(`${column}${from}:${column}${to}`);
    sheet.getCell(`${column}${from}`).value = value;
  };
  let categoryStart = 3;
  let nameStart = 3;
  CHANGZHOU_ROWS.forEach((row, index) => {
    const rowNumber = 3 + index;
    row.cells.forEach((cell, column) => {
      setCell(sheet, `${columnLetter(3 + column)}${rowNumber}`, cell);
    });
    const next = CHANGZHOU_ROWS[index + 1];
    if (!next || next.name !== row.name) {
      mergeDown('B', nameStart, rowNumber, row.name);
      nameStart = rowNumber + 1;
    }
    if (!next || next.category !== row.category) {
      mergeDown('A', categoryStart, rowNumber, row.category);
      categoryStart = rowNumber + 1;
    }
  });
  options.edit?.(sheet);
  return toBuffer(workbook);
}
