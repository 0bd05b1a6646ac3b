import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CellContext,
  type CellInput,
  type CellPart,
  type CellValue,
  normaliseName,
  type ParsedCell,
  parseCell,
  unitInName,
  VALUE_PROBLEM_CODES,
} from '../../src/domain/value-grammar.ts';
import { Comparator, type Direction, type Tier } from '../../src/domain/vocabulary.ts';

// ---------------------------------------------------------------------------------------------------------------
// Builders of expected cells

const whole = (comparator: Comparator, value: number): CellValue => ({
  part: null,
  tier: null,
  comparator,
  value,
});
const part = (code: string, comparator: Comparator, value: number): CellValue => ({
  part: code,
  tier: null,
  comparator,
  value,
});
const tier = (t: NonNullable<Tier>, comparator: Comparator, value: number): CellValue => ({
  part: null,
  tier: t,
  comparator,
  value,
});
const values = (...list: CellValue[]): ParsedCell => ({ status: 'values', values: list });
const missing = (marker: string): ParsedCell => ({ status: 'missing', marker });
const labelled = (label: string, cell: ParsedCell): ParsedCell => ({ ...cell, label }) as ParsedCell;
const eq = (value: number) => values(whole('eq', value));
const gte = (value: number) => values(whole('gte', value));
const gt = (value: number) => values(whole('gt', value));

const DEMO_PILOT: CellPart[] = [
  { code: 'demo', name: '示范' },
  { code: 'pilot', name: '试点' },
];
const DEMO_TRIAL: CellPart[] = [
  { code: 'demo', name: '示范区' },
  { code: 'trial', name: '试验区' },
];
const URBAN_TOWN: CellPart[] = [
  { code: 'urban', name: '城市' },
  { code: 'town', name: '乡镇' },
];
const URBAN_TOWN_RURAL: CellPart[] = [...URBAN_TOWN, { code: 'rural', name: '农村' }];
const VILLAGE_HAMLET: CellPart[] = [
  { code: 'village-fibre', name: '行政村光缆' },
  { code: 'hamlet-broadband', name: '自然村宽带' },
];

function context(
  column: CellContext['column'],
  unit: string,
  parts: CellPart[] = [],
  direction: Direction = 'increase',
): CellContext {
  return { column, unit, direction, parts };
}

const text = (value: string): CellInput => ({ kind: 'text', text: value });

// ---------------------------------------------------------------------------------------------------------------
// Every value cell of the two plans' indicator tables

interface TableRow {
  document: string;
  /** The row's name as printed (a sub-row of Changzhou's 示范应用载体 is named after its label). */
  name: string;
  unit: string;
  parts?: CellPart[];
  /** [column heading, column, printed cell, expected] */
  cells: [string, CellContext['column'], string, ParsedCell][];
}

const LYG = '000 连云港 附件1';
const LYG_2010 = '2010年实现情况';
const LYG_2015 = '2015年预期目标';

const LIANYUNGANG: TableRow[] = [
  {
    document: LYG,
    name: '信息化发展水平总指数',
    unit: '',
    cells: [
      [LYG_2010, 'actual', '0.62', eq(0.62)],
      [LYG_2015, 'target', '＞0.71', gt(0.71)],
    ],
  },
  {
    document: LYG,
    name: '省两化融合示范（试验）区（个）',
    unit: '个',
    // The name's bracket names two parts, but each cell gives one value: for the row as a whole.
    parts: DEMO_TRIAL,
    cells: [
      [LYG_2010, 'actual', '1', eq(1)],
      [LYG_2015, 'target', '4', gte(4)],
    ],
  },
  {
    document: LYG,
    name: '省两化融合示范（试点）企业（个）',
    unit: '个',
    parts: DEMO_PILOT,
    cells: [
      [LYG_2010, 'actual', '2(9)', values(part('demo', 'eq', 2), part('pilot', 'eq', 9))],
      [LYG_2015, 'target', '10(20)', values(part('demo', 'gte', 10), part('pilot', 'gte', 20))],
    ],
  },
  {
    document: LYG,
    name: '省农村信息化应用示范基地（个）',
    unit: '个',
    cells: [
      [LYG_2010, 'actual', '0', eq(0)],
      [LYG_2015, 'target', '8', gte(8)],
    ],
  },
  {
    document: LYG,
    name: '企业利用信息技术开展生产、管理、创新活动比例（%）',
    unit: '%',
    cells: [
      [LYG_2010, 'actual', '＜50', values(whole('lt', 50))],
      [LYG_2015, 'target', '＞70', gt(70)],
    ],
  },
  {
    document: LYG,
    name: '农村信息化服务覆盖率（%）',
    unit: '%',
    cells: [
      [LYG_2010, 'actual', '61.48', eq(61.48)],
      [LYG_2015, 'target', '90', gte(90)],
    ],
  },
  {
    document: LYG,
    name: '各级政府部门核心业务信息化平均覆盖率（%）',
    unit: '%',
    cells: [
      [LYG_2010, 'actual', '_____', missing('_____')],
      [LYG_2015, 'target', '80', gte(80)],
    ],
  },
  {
    document: LYG,
    name: '跨部门核心业务协同办理率（%）',
    unit: '%',
    cells: [
      [LYG_2010, 'actual', '_____', missing('_____')],
      [LYG_2015, 'target', '40', gte(40)],
    ],
  },
  {
    document: LYG,
    name: '教育校园网覆盖率（%）',
    unit: '%',
    cells: [
      [LYG_2010, 'actual', '85', eq(85)],
      [LYG_2015, 'target', '100', gte(100)],
    ],
  },
  {
    document: LYG,
    name: '综合数字化校园覆盖率（%）',
    unit: '%',
    cells: [
      [LYG_2010, 'actual', '_____', missing('_____')],
      [LYG_2015, 'target', '50', gte(50)],
    ],
  },
  {
    document: LYG,
    name: '社会保障卡发卡量（万张）',
    unit: '万张',
    cells: [
      [LYG_2010, 'actual', '0', eq(0)],
      [LYG_2015, 'target', '250', gte(250)],
    ],
  },
  {
    document: LYG,
    name: '互联网出口带宽（G）',
    unit: 'G',
    cells: [
      [LYG_2010, 'actual', '190', eq(190)],
      [LYG_2015, 'target', '460', gte(460)],
    ],
  },
  {
    document: LYG,
    name: '移动电话用户（万户）',
    unit: '万户',
    cells: [
      [LYG_2010, 'actual', '316.21', eq(316.21)],
      [LYG_2015, 'target', '400', gte(400)],
    ],
  },
  {
    document: LYG,
    name: '家庭宽带用户数（万户）',
    unit: '万户',
    cells: [
      [LYG_2010, 'actual', '39.64', eq(39.64)],
      [LYG_2015, 'target', '100', gte(100)],
    ],
  },
  {
    document: LYG,
    name: '新一代移动通信网络覆盖率（%）',
    unit: '%',
    cells: [
      [LYG_2010, 'actual', '_____', missing('_____')],
      [LYG_2015, 'target', '100', gte(100)],
    ],
  },
  {
    document: LYG,
    name: '城市、乡镇宽带接入能力（Mbps）',
    unit: 'Mbps',
    parts: URBAN_TOWN,
    cells: [
      [LYG_2010, 'actual', '20，8', values(part('urban', 'eq', 20), part('town', 'eq', 8))],
      [LYG_2015, 'target', '100，50', values(part('urban', 'gte', 100), part('town', 'gte', 50))],
    ],
  },
  {
    document: LYG,
    name: '有线电视入户率（%）',
    unit: '%',
    cells: [
      [LYG_2010, 'actual', '80', eq(80)],
      [LYG_2015, 'target', '90', gte(90)],
    ],
  },
  {
    document: LYG,
    name: '电子信息产品制造业主营业务收入（亿元）',
    unit: '亿元',
    cells: [
      [LYG_2010, 'actual', '89.9', eq(89.9)],
      [LYG_2015, 'target', '500', gte(500)],
    ],
  },
  {
    document: LYG,
    name: '软件和信息服务业业务收入（亿元）',
    unit: '亿元',
    cells: [
      [LYG_2010, 'actual', '1.2', eq(1.2)],
      [LYG_2015, 'target', '10', gte(10)],
    ],
  },
  {
    document: LYG,
    name: '通过认证的软件企业数（家）',
    unit: '家',
    cells: [
      [LYG_2010, 'actual', '11', eq(11)],
      [LYG_2015, 'target', '30', gte(30)],
    ],
  },
  {
    document: LYG,
    name: '通过国家软件登记产品数（项）',
    unit: '项',
    cells: [
      [LYG_2010, 'actual', '46', eq(46)],
      [LYG_2015, 'target', '100', gte(100)],
    ],
  },
  {
    document: LYG,
    name: '数字证书累计发证数（张）',
    unit: '张',
    cells: [
      [LYG_2010, 'actual', '185', eq(185)],
      [LYG_2015, 'target', '15000', gte(15000)],
    ],
  },
];

const CZ = '001 常州 附件';
const CZ_2010 = '2010年实现情况';
const CZ_PROVINCE = '省十二五规划预期目标';
const CZ_CITY = '市十二五规划预期目标';

/** Changzhou: three value columns; the sub-rows of 示范应用载体 carry their label in the 2010 cell. */
const CHANGZHOU: TableRow[] = [
  {
    document: CZ,
    name: '信息化发展水平总指数（以1为基准）',
    unit: '',
    cells: [
      [CZ_2010, 'actual', '0.757', eq(0.757)],
      [CZ_PROVINCE, 'target', '>0.83', gt(0.83)],
      [CZ_CITY, 'target', '>0.85', gt(0.85)],
    ],
  },
  {
    document: CZ,
    name: '经济社会各领域两化融合、信息化示范应用载体（个） / 示范（试验区）',
    unit: '个',
    cells: [
      [CZ_2010, 'actual', '示范（试验区）：2', labelled('示范(试验区)', eq(2))],
      [CZ_PROVINCE, 'target', '>50', gt(50)],
      [CZ_CITY, 'target', '>5', gt(5)],
    ],
  },
  {
    document: CZ,
    name: '经济社会各领域两化融合、信息化示范应用载体（个） / 示范基地（服务产业园）',
    unit: '个',
    cells: [
      [CZ_2010, 'actual', '示范基地（服务产业园）：2', labelled('示范基地(服务产业园)', eq(2))],
      [CZ_PROVINCE, 'target', '>50', gt(50)],
      [CZ_CITY, 'target', '>5', gt(5)],
    ],
  },
  {
    document: CZ,
    name: '经济社会各领域两化融合、信息化示范应用载体（个） / 示范（试点）企业',
    unit: '个',
    parts: DEMO_PILOT,
    cells: [
      [
        CZ_2010,
        'actual',
        '示范（试点）企业：3（27）',
        labelled('示范(试点)企业', values(part('demo', 'eq', 3), part('pilot', 'eq', 27))),
      ],
      [CZ_PROVINCE, 'target', '100（1000）', values(part('demo', 'gte', 100), part('pilot', 'gte', 1000))],
      [CZ_CITY, 'target', '10（100）', values(part('demo', 'gte', 10), part('pilot', 'gte', 100))],
    ],
  },
  {
    document: CZ,
    name: '经济社会各领域两化融合、信息化示范应用载体（个） / 农村信息化应用示范基地',
    unit: '个',
    cells: [
      [CZ_2010, 'actual', '农村信息化应用示范基地：—', labelled('农村信息化应用示范基地', missing('—'))],
      [CZ_PROVINCE, 'target', '>100', gt(100)],
      [CZ_CITY, 'target', '>10', gt(10)],
    ],
  },
  {
    document: CZ,
    name: '成套设备和传统产业整机产品信息化率（%）',
    unit: '%',
    cells: [
      [CZ_2010, 'actual', '15', eq(15)],
      [CZ_PROVINCE, 'target', '>40', gt(40)],
      [CZ_CITY, 'target', '>45', gt(45)],
    ],
  },
  {
    document: CZ,
    name: '企业利用信息技术开展生产、管理、创新活动比率（%）',
    unit: '%',
    cells: [
      [CZ_2010, 'actual', '30', eq(30)],
      [CZ_PROVINCE, 'target', '>60', gt(60)],
      [CZ_CITY, 'target', '>65', gt(65)],
    ],
  },
  {
    document: CZ,
    name: '企业利用互联网开展电子商务比例（%）',
    unit: '%',
    cells: [
      [CZ_2010, 'actual', '13', eq(13)],
      [CZ_PROVINCE, 'target', '>60', gt(60)],
      [CZ_CITY, 'target', '>65', gt(65)],
    ],
  },
  {
    document: CZ,
    name: '农业信息服务覆盖率（%）',
    unit: '%',
    cells: [
      [CZ_2010, 'actual', '—', missing('—')],
      [CZ_PROVINCE, 'target', '90', gte(90)],
      [CZ_CITY, 'target', '100', gte(100)],
    ],
  },
  {
    document: CZ,
    name: '政府核心业务信息化覆盖率（%）',
    unit: '%',
    cells: [
      [CZ_2010, 'actual', '80', eq(80)],
      [
        CZ_PROVINCE,
        'target',
        '省级>90，市级>80，县级>70',
        values(tier('province', 'gt', 90), tier('city', 'gt', 80), tier('county', 'gt', 70)),
      ],
      [CZ_CITY, 'target', '>90', gt(90)],
    ],
  },
  {
    document: CZ,
    name: '跨部门核心业务协同办理率（%）',
    unit: '%',
    cells: [
      [CZ_2010, 'actual', '46.32', eq(46.32)],
      [CZ_PROVINCE, 'target', '>50', gt(50)],
      [CZ_CITY, 'target', '>50', gt(50)],
    ],
  },
  {
    document: CZ,
    name: '县级以上政府行政权力网上公开透明运行覆盖率（%）',
    unit: '%',
    cells: [
      [CZ_2010, 'actual', '100', eq(100)],
      [CZ_PROVINCE, 'target', '100', gte(100)],
      [CZ_CITY, 'target', '100', gte(100)],
    ],
  },
  {
    document: CZ,
    name: '城乡居民电子健康档案覆盖率（%）',
    unit: '%',
    cells: [
      [CZ_2010, 'actual', '27', eq(27)],
      [CZ_PROVINCE, 'target', '>70', gt(70)],
      [CZ_CITY, 'target', '>70', gt(70)],
    ],
  },
  {
    document: CZ,
    name: '社会保障·市民卡累计发卡量（张）',
    unit: '张',
    cells: [
      [CZ_2010, 'actual', '—', missing('—')],
      // 万 in the cell multiplies into the row's unit 张.
      [CZ_PROVINCE, 'target', '4900万', gte(49_000_000)],
      [CZ_CITY, 'target', '250万', gte(2_500_000)],
    ],
  },
  {
    document: CZ,
    name: '省辖市城乡社区综合管理和服务信息平台覆盖率（%）',
    unit: '%',
    cells: [
      [CZ_2010, 'actual', '26', eq(26)],
      [CZ_PROVINCE, 'target', '>90', gt(90)],
      [CZ_CITY, 'target', '100', gte(100)],
    ],
  },
  {
    document: CZ,
    name: '计算机普及率（台/百人）',
    unit: '台/百人',
    cells: [
      [CZ_2010, 'actual', '—', missing('—')],
      [CZ_PROVINCE, 'target', '70', gte(70)],
      [CZ_CITY, 'target', '80', gte(80)],
    ],
  },
  {
    document: CZ,
    name: '行政村光缆、自然村宽带通达率（%）',
    unit: '%',
    parts: VILLAGE_HAMLET,
    cells: [
      [CZ_2010, 'actual', '—', missing('—')],
      // One value in a row whose name lists two parts: for the row as a whole.
      [CZ_PROVINCE, 'target', '100', gte(100)],
      [CZ_CITY, 'target', '100', gte(100)],
    ],
  },
  {
    document: CZ,
    name: '城市、乡镇、农村家庭宽带接入能力（Mbps）',
    unit: 'Mbps',
    parts: URBAN_TOWN_RURAL,
    cells: [
      [CZ_2010, 'actual', '2', eq(2)],
      [
        CZ_PROVINCE,
        'target',
        '100、20、12',
        values(part('urban', 'gte', 100), part('town', 'gte', 20), part('rural', 'gte', 12)),
      ],
      [
        CZ_CITY,
        'target',
        '100、20、12',
        values(part('urban', 'gte', 100), part('town', 'gte', 20), part('rural', 'gte', 12)),
      ],
    ],
  },
  {
    document: CZ,
    name: '宽带普及率（%）',
    unit: '%',
    cells: [
      [CZ_2010, 'actual', '60.22', eq(60.22)],
      [CZ_PROVINCE, 'target', '80', gte(80)],
      [CZ_CITY, 'target', '90', gte(90)],
    ],
  },
  {
    document: CZ,
    name: '有线电视入户率（%）',
    unit: '%',
    cells: [
      [CZ_2010, 'actual', '≈100', values(whole('approx', 100))],
      [CZ_PROVINCE, 'target', '85', gte(85)],
      [CZ_CITY, 'target', '100', gte(100)],
    ],
  },
  {
    document: CZ,
    name: '互动电视用户占比（%）',
    unit: '%',
    cells: [
      [CZ_2010, 'actual', '—', missing('—')],
      [CZ_PROVINCE, 'target', '—', missing('—')],
      [CZ_CITY, 'target', '>80', gt(80)],
    ],
  },
  {
    document: CZ,
    name: '电子信息产品制造业主营业务收入（亿元）',
    unit: '亿元',
    cells: [
      [CZ_2010, 'actual', '1007', eq(1007)],
      [CZ_PROVINCE, 'target', '>40000', gt(40000)],
      [CZ_CITY, 'target', '>3000', gt(3000)],
    ],
  },
  {
    document: CZ,
    name: '软件和信息服务业业务收入（亿元）',
    unit: '亿元',
    cells: [
      [CZ_2010, 'actual', '101.38', eq(101.38)],
      [CZ_PROVINCE, 'target', '>8000', gt(8000)],
      [CZ_CITY, 'target', '>600', gt(600)],
    ],
  },
  {
    document: CZ,
    name: '物联网产业业务收入（亿元）',
    unit: '亿元',
    cells: [
      [CZ_2010, 'actual', '65', eq(65)],
      [CZ_PROVINCE, 'target', '>4000', gt(4000)],
      [CZ_CITY, 'target', '>300', gt(300)],
    ],
  },
];

const DOCUMENT_CELLS = [...LIANYUNGANG, ...CHANGZHOU].flatMap((row) =>
  row.cells.map(([heading, column, printed, expected]) => ({
    title: `${row.document} ${row.name} ${heading}: ${printed}`,
    printed,
    context: context(column, row.unit, row.parts ?? []),
    expected,
  })),
);

describe('parseCell on every value cell of the plans’ tables', () => {
  it('covers both tables: 22 Lianyungang rows × 2 columns, 24 Changzhou rows × 3 columns', () => {
    expect(LIANYUNGANG.flatMap((row) => row.cells)).toHaveLength(44);
    expect(CHANGZHOU.flatMap((row) => row.cells)).toHaveLength(72);
  });

  it.each(DOCUMENT_CELLS)('$title', ({ printed, context, expected }) => {
    expect(parseCell(text(printed), context)).toEqual(expected);
  });

  it('finds each row’s unit in its name', () => {
    for (const row of [...LIANYUNGANG, ...CHANGZHOU]) {
      const name = row.name.split(' / ')[0] ?? row.name;
      expect(unitInName(name) ?? '', name).toBe(row.unit);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The other forms of the grammar

const PERCENT_ACTUAL = context('actual', '%');
const PERCENT_TARGET = context('target', '%');

interface FormCase {
  title: string;
  input: CellInput;
  context: CellContext;
  expected: ParsedCell | { problem: string };
}

const problem = (code: string) => ({ problem: code });

const FORMS: FormCase[] = [
  // Numbers from the spreadsheet
  {
    title: 'a number',
    input: { kind: 'number', value: 61.48 },
    context: PERCENT_ACTUAL,
    expected: eq(61.48),
  },
  { title: 'zero is a value', input: { kind: 'number', value: 0 }, context: PERCENT_ACTUAL, expected: eq(0) },
  {
    title: 'negative zero is zero',
    input: { kind: 'number', value: -0 },
    context: PERCENT_ACTUAL,
    expected: eq(0),
  },
  {
    title: 'a target number by direction increase',
    input: { kind: 'number', value: 90 },
    context: PERCENT_TARGET,
    expected: gte(90),
  },
  {
    title: 'a target number by direction decrease',
    input: { kind: 'number', value: 5 },
    context: context('target', '%', [], 'decrease'),
    expected: values(whole('lte', 5)),
  },
  {
    title: 'percent format in a % row: 0.655 shown as 65.5%',
    input: { kind: 'number', value: 0.655, percentFormat: true },
    context: PERCENT_ACTUAL,
    expected: eq(65.5),
  },
  {
    title: 'percent format in a target column',
    input: { kind: 'number', value: 0.9, percentFormat: true },
    context: PERCENT_TARGET,
    expected: gte(90),
  },
  {
    title: 'percent format in a ‰ row',
    input: { kind: 'number', value: 0.0655, percentFormat: true },
    context: context('actual', '‰'),
    expected: eq(65.5),
  },
  {
    title: 'percent format in an 亿元 row is a unit mismatch',
    input: { kind: 'number', value: 0.5, percentFormat: true },
    context: context('actual', '亿元'),
    expected: problem('unit_mismatch'),
  },
  {
    title: 'no percent format: the stored number',
    input: { kind: 'number', value: 0.655 },
    context: PERCENT_ACTUAL,
    expected: eq(0.655),
  },
  {
    title: 'NaN',
    input: { kind: 'number', value: Number.NaN },
    context: PERCENT_ACTUAL,
    expected: problem('non_finite_value'),
  },
  {
    title: 'Infinity',
    input: { kind: 'number', value: Number.POSITIVE_INFINITY },
    context: PERCENT_ACTUAL,
    expected: problem('non_finite_value'),
  },
  {
    title: 'percent format overflowing to Infinity',
    input: { kind: 'number', value: Number.MAX_VALUE, percentFormat: true },
    context: PERCENT_ACTUAL,
    expected: problem('non_finite_value'),
  },
  // Formulas, dates, errors, empty
  {
    title: 'a formula with a cached number',
    input: { kind: 'formula', result: 61.48 },
    context: PERCENT_ACTUAL,
    expected: eq(61.48),
  },
  {
    title: 'a formula with a cached percent-formatted number',
    input: { kind: 'formula', result: 0.655, percentFormat: true },
    context: PERCENT_ACTUAL,
    expected: eq(65.5),
  },
  {
    title: 'a formula with cached text',
    input: { kind: 'formula', result: '＞0.71' },
    context: context('target', ''),
    expected: gt(0.71),
  },
  {
    title: 'a formula with a cached error',
    input: { kind: 'formula', result: '#DIV/0!' },
    context: PERCENT_ACTUAL,
    expected: problem('spreadsheet_error'),
  },
  {
    title: 'a formula with an empty cached text',
    input: { kind: 'formula', result: '' },
    context: PERCENT_ACTUAL,
    expected: missing(''),
  },
  {
    title: 'a formula without a cached result',
    input: { kind: 'formula', result: undefined },
    context: PERCENT_ACTUAL,
    expected: problem('formula_without_result'),
  },
  {
    title: 'a date',
    input: { kind: 'date' },
    context: PERCENT_ACTUAL,
    expected: problem('date_not_a_value'),
  },
  {
    title: 'an error cell',
    input: { kind: 'error', text: '#REF!' },
    context: PERCENT_ACTUAL,
    expected: problem('spreadsheet_error'),
  },
  { title: 'an empty cell', input: { kind: 'empty' }, context: PERCENT_ACTUAL, expected: missing('') },
  ...['#DIV/0!', '#N/A', '#VALUE!', '#REF!', '#name?', ' #NUM! '].map(
    (error): FormCase => ({
      title: `error text ${error}`,
      input: text(error),
      context: PERCENT_ACTUAL,
      expected: problem('spreadsheet_error'),
    }),
  ),
  // Missing markers are not zero
  ...['—', '-', '–', '——', '_____', '＿＿', '／', '/', '无', '暂无', '— —'].map(
    (marker): FormCase => ({
      title: `missing marker ${marker}`,
      input: text(marker),
      context: PERCENT_ACTUAL,
      expected: missing(marker),
    }),
  ),
  { title: 'blank text', input: text('   '), context: PERCENT_ACTUAL, expected: missing('') },
  { title: 'full-width blank text', input: text('\u3000'), context: PERCENT_ACTUAL, expected: missing('') },
  { title: 'zero as text', input: text('0'), context: PERCENT_ACTUAL, expected: eq(0) },
  // Numbers as text, full width, separators, percent
  { title: 'a number with spaces', input: text(' 0.62 '), context: PERCENT_ACTUAL, expected: eq(0.62) },
  {
    title: 'full-width digits',
    input: text('６１．４８'),
    context: PERCENT_ACTUAL,
    expected: eq(61.48),
  },
  {
    title: 'full-width comparator and digits with ideographic spaces',
    input: text('\u3000＞０．７１\u3000'),
    context: context('target', ''),
    expected: gt(0.71),
  },
  {
    title: 'thousands separators',
    input: text('1,000'),
    context: context('actual', '张'),
    expected: eq(1000),
  },
  {
    title: 'thousands separators and decimals',
    input: text('1,234,567.5'),
    context: context('actual', '元'),
    expected: eq(1234567.5),
  },
  {
    title: 'full-width thousands separator in a row without parts',
    input: text('１５，０００'),
    context: context('target', '张'),
    expected: gte(15000),
  },
  {
    title: 'thousands separators that cannot be a list for the row’s parts',
    input: text('1,000,000'),
    context: context('actual', '张', URBAN_TOWN),
    expected: eq(1_000_000),
  },
  {
    title: '100,500 in a two-part row reads two ways',
    input: text('100,500'),
    context: context('target', 'Mbps', URBAN_TOWN),
    expected: problem('ambiguous_separator'),
  },
  { title: 'a trailing %', input: text('65.5%'), context: PERCENT_ACTUAL, expected: eq(65.5) },
  { title: 'a full-width ％', input: text('65.5％'), context: PERCENT_ACTUAL, expected: eq(65.5) },
  {
    title: 'a % in an 亿元 row',
    input: text('65%'),
    context: context('actual', '亿元'),
    expected: problem('unit_mismatch'),
  },
  { title: 'a negative number', input: text('-2.5'), context: PERCENT_ACTUAL, expected: eq(-2.5) },
  // Comparators
  { title: '超过', input: text('超过50'), context: PERCENT_TARGET, expected: gt(50) },
  { title: '≥', input: text('≥60'), context: PERCENT_TARGET, expected: gte(60) },
  { title: '>=', input: text('>=60'), context: PERCENT_TARGET, expected: gte(60) },
  { title: '＞＝ full width', input: text('＞＝60'), context: PERCENT_TARGET, expected: gte(60) },
  { title: '不低于', input: text('不低于60'), context: PERCENT_TARGET, expected: gte(60) },
  { title: '以上 suffix', input: text('90以上'), context: PERCENT_TARGET, expected: gte(90) },
  { title: '%以上', input: text('90%以上'), context: PERCENT_TARGET, expected: gte(90) },
  { title: '< ASCII', input: text('<50'), context: PERCENT_ACTUAL, expected: values(whole('lt', 50)) },
  { title: '≤', input: text('≤5'), context: PERCENT_TARGET, expected: values(whole('lte', 5)) },
  { title: '<=', input: text('<=5'), context: PERCENT_TARGET, expected: values(whole('lte', 5)) },
  { title: '不超过', input: text('不超过5'), context: PERCENT_TARGET, expected: values(whole('lte', 5)) },
  { title: '以下 suffix', input: text('5以下'), context: PERCENT_TARGET, expected: values(whole('lte', 5)) },
  { title: '约', input: text('约100'), context: PERCENT_ACTUAL, expected: values(whole('approx', 100)) },
  {
    title: '≈ with a space',
    input: text('≈ 100'),
    context: PERCENT_ACTUAL,
    expected: values(whole('approx', 100)),
  },
  {
    title: 'a bare target for a lower-is-better indicator',
    input: text('15'),
    context: context('target', '%', [], 'decrease'),
    expected: values(whole('lte', 15)),
  },
  {
    title: 'two comparators that disagree',
    input: text('≥50以下'),
    context: PERCENT_TARGET,
    expected: problem('unreadable_value'),
  },
  // Multipliers and units written in the cell
  {
    title: '4900万 in a 张 row',
    input: text('4900万'),
    context: context('target', '张'),
    expected: gte(49e6),
  },
  {
    title: '250万 in a 万张 row',
    input: text('250万'),
    context: context('target', '万张'),
    expected: gte(250),
  },
  {
    title: '250万 in a 张 row',
    input: text('250万'),
    context: context('target', '张'),
    expected: gte(2.5e6),
  },
  {
    title: '3.7万亿 in an 亿元 row',
    input: text('3.7万亿'),
    context: context('target', '亿元'),
    expected: gte(37000),
  },
  {
    title: '500亿 in an 亿元 row',
    input: text('500亿'),
    context: context('target', '亿元'),
    expected: gte(500),
  },
  {
    title: '500万 in an 亿元 row',
    input: text('500万'),
    context: context('actual', '亿元'),
    expected: eq(0.05),
  },
  {
    title: '1.2亿 in a 万元 row',
    input: text('1.2亿'),
    context: context('actual', '万元'),
    expected: eq(12000),
  },
  {
    title: 'a comparator and a multiplier',
    input: text('＞4900 万'),
    context: context('target', '张'),
    expected: gt(49e6),
  },
  {
    title: 'a multiplier in a row without unit',
    input: text('2万'),
    context: context('actual', ''),
    expected: eq(2e4),
  },
  {
    title: '250万张 in a 万张 row',
    input: text('250万张'),
    context: context('target', '万张'),
    expected: gte(250),
  },
  {
    title: '250万张 in a 张 row',
    input: text('250万张'),
    context: context('target', '张'),
    expected: gte(2.5e6),
  },
  {
    title: '10G in an Mbps row',
    input: text('10G'),
    context: context('target', 'Mbps'),
    expected: gte(10000),
  },
  {
    title: '100M in an Mbps row',
    input: text('100M'),
    context: context('target', 'Mbps'),
    expected: gte(100),
  },
  { title: '30家 in a 家 row', input: text('30家'), context: context('actual', '家'), expected: eq(30) },
  {
    title: '30家 in a 个 row',
    input: text('30家'),
    context: context('actual', '个'),
    expected: problem('unit_mismatch'),
  },
  {
    title: 'a number too large for a double',
    input: text('9'.repeat(400)),
    context: PERCENT_ACTUAL,
    expected: problem('non_finite_value'),
  },
  {
    title: 'a multiplier overflowing a double',
    input: text(`${'9'.repeat(300)}万亿`),
    context: context('actual', '元'),
    expected: problem('non_finite_value'),
  },
  // Compounds
  {
    title: 'a compound with its own comparators',
    input: text('>50(>500)'),
    context: context('target', '个', DEMO_PILOT),
    expected: values(part('demo', 'gt', 50), part('pilot', 'gt', 500)),
  },
  {
    title: 'a compound whose bracketed value is bare',
    input: text('>50(500)'),
    context: context('target', '个', DEMO_PILOT),
    expected: values(part('demo', 'gt', 50), part('pilot', 'gte', 500)),
  },
  {
    title: 'a compound with one part not reported',
    input: text('—（27）'),
    context: context('actual', '个', DEMO_PILOT),
    expected: values(part('pilot', 'eq', 27)),
  },
  {
    title: 'a compound with no part reported',
    input: text('—(—)'),
    context: context('actual', '个', DEMO_PILOT),
    expected: missing('—(—)'),
  },
  {
    title: 'a compound in a row without parts',
    input: text('2(9)'),
    context: context('actual', '个'),
    expected: problem('part_count_mismatch'),
  },
  {
    title: 'a compound in a three-part row',
    input: text('2(9)'),
    context: context('actual', 'Mbps', URBAN_TOWN_RURAL),
    expected: problem('part_count_mismatch'),
  },
  {
    title: 'a bracket that is no value',
    input: text('2(试点)'),
    context: context('actual', '个', DEMO_PILOT),
    expected: problem('unreadable_value'),
  },
  // Lists
  {
    title: 'two values for three parts',
    input: text('20，8'),
    context: context('actual', 'Mbps', URBAN_TOWN_RURAL),
    expected: problem('part_count_mismatch'),
  },
  {
    title: 'three values for two parts',
    input: text('100、20、12'),
    context: context('target', 'Mbps', URBAN_TOWN),
    expected: problem('part_count_mismatch'),
  },
  {
    title: 'a list in a row without parts',
    input: text('20，8'),
    context: context('actual', 'Mbps'),
    expected: problem('part_count_mismatch'),
  },
  {
    title: 'a list with half-width commas and spaces',
    input: text('100, 50'),
    context: context('target', 'Mbps', URBAN_TOWN),
    expected: values(part('urban', 'gte', 100), part('town', 'gte', 50)),
  },
  {
    title: 'a list with comparators',
    input: text('≥100、>20、约12'),
    context: context('target', 'Mbps', URBAN_TOWN_RURAL),
    expected: values(part('urban', 'gte', 100), part('town', 'gt', 20), part('rural', 'approx', 12)),
  },
  {
    title: 'a list with one part not reported',
    input: text('100，—'),
    context: context('actual', 'Mbps', URBAN_TOWN),
    expected: values(part('urban', 'eq', 100)),
  },
  {
    title: 'a list with no part reported',
    input: text('—、—'),
    context: context('actual', 'Mbps', URBAN_TOWN),
    expected: missing('—、—'),
  },
  {
    title: 'a list with an empty item',
    input: text('100，50，'),
    context: context('target', 'Mbps', URBAN_TOWN),
    expected: problem('unreadable_value'),
  },
  // Tiers and part labels
  {
    title: 'short tier labels with semicolons',
    input: text('省>90；市>80'),
    context: PERCENT_TARGET,
    expected: values(tier('province', 'gt', 90), tier('city', 'gt', 80)),
  },
  {
    title: 'tier labels with colons and a bare value',
    input: text('省级：≥90，县级：70'),
    context: PERCENT_TARGET,
    expected: values(tier('province', 'gte', 90), tier('county', 'gte', 70)),
  },
  {
    title: 'a tier twice',
    input: text('省级>90，省级>80'),
    context: PERCENT_TARGET,
    expected: problem('duplicate_label'),
  },
  {
    title: 'tiers and parts in one cell',
    input: text('省级>90，城市100'),
    context: context('target', 'Mbps', URBAN_TOWN),
    expected: problem('unreadable_value'),
  },
  {
    title: 'a tier without value',
    input: text('省级：，市级：80'),
    context: PERCENT_TARGET,
    expected: problem('empty_label_value'),
  },
  {
    title: 'values labelled with the row’s parts',
    input: text('城市：100，乡镇：20'),
    context: context('target', 'Mbps', URBAN_TOWN_RURAL),
    expected: values(part('urban', 'gte', 100), part('town', 'gte', 20)),
  },
  {
    title: 'values labelled with the row’s parts, without colons',
    input: text('城市100，农村12'),
    context: context('target', 'Mbps', URBAN_TOWN_RURAL),
    expected: values(part('urban', 'gte', 100), part('rural', 'gte', 12)),
  },
  {
    title: 'a label that names none of the parts',
    input: text('城市：100，郊区：50'),
    context: context('target', 'Mbps', URBAN_TOWN),
    expected: problem('unknown_part_label'),
  },
  {
    title: 'a single label that names a part',
    input: text('示范：3'),
    context: context('actual', '个', DEMO_PILOT),
    expected: values(part('demo', 'eq', 3)),
  },
  // Sub-row labels
  {
    title: 'a sub-row label with a half-width colon',
    input: text('示范(试验区):2'),
    context: context('actual', '个'),
    expected: labelled('示范(试验区)', eq(2)),
  },
  {
    title: 'a sub-row label with a comparator value',
    input: text('示范基地：>50'),
    context: context('target', '个'),
    expected: labelled('示范基地', gt(50)),
  },
  {
    title: 'a sub-row label with tiers',
    input: text('覆盖率：省级>90，市级>80'),
    context: PERCENT_TARGET,
    expected: labelled('覆盖率', values(tier('province', 'gt', 90), tier('city', 'gt', 80))),
  },
  {
    title: 'a sub-row label with a compound in a row without parts',
    input: text('示范（试点）企业：3（27）'),
    context: context('actual', '个'),
    expected: problem('part_count_mismatch'),
  },
  {
    title: 'a sub-row label with nothing after it',
    input: text('示范（试验区）：'),
    context: context('actual', '个'),
    expected: problem('empty_label_value'),
  },
  {
    title: 'a colon with no label',
    input: text('：2'),
    context: context('actual', '个'),
    expected: problem('unreadable_value'),
  },
  {
    title: 'a time is no label',
    input: text('12:30'),
    context: PERCENT_ACTUAL,
    expected: problem('unreadable_value'),
  },
  // Unreadable
  ...['abc', '10-20', '1e5', 'N/A', '100 200', '5.', '>', '约', '2(9', '61.48.1'].map(
    (printed): FormCase => ({
      title: `unreadable ${printed}`,
      input: text(printed),
      context: PERCENT_ACTUAL,
      expected: problem('unreadable_value'),
    }),
  ),
];

describe('parseCell on the other forms', () => {
  it.each(FORMS)('$title', ({ input, context, expected }) => {
    const parsed = parseCell(input, context);
    if ('problem' in expected && typeof expected.problem === 'string') {
      expect(parsed.status).toBe('problem');
      if (parsed.status !== 'problem') return;
      expect(parsed.problem.code).toBe(expected.problem);
      expect(parsed.problem.message.zh.length).toBeGreaterThan(0);
      expect(parsed.problem.message.en.length).toBeGreaterThan(0);
    } else {
      expect(parsed).toEqual(expected);
    }
  });

  it('quotes the cell in both languages', () => {
    const parsed = parseCell(text('城市：100，郊区：50'), context('target', 'Mbps', URBAN_TOWN));
    expect(parsed).toMatchObject({
      status: 'problem',
      problem: {
        code: 'unknown_part_label',
        message: { zh: expect.stringContaining('郊区'), en: expect.stringContaining('城市：100，郊区：50') },
      },
    });
    const mismatch = parseCell(text('20，8'), context('actual', 'Mbps', URBAN_TOWN_RURAL));
    expect(mismatch).toMatchObject({
      problem: {
        message: { zh: expect.stringContaining('“20，8”'), en: expect.stringContaining('3 parts') },
      },
    });
  });

  it('returns a problem for input that breaks the declared types instead of throwing', () => {
    const broken = [
      null,
      undefined,
      { kind: 'text' },
      { kind: 'text', text: 42 },
      { kind: 'number', value: '5' },
      { kind: 'formula', result: { error: '#N/A' } },
      { kind: 'sheet' },
    ];
    for (const input of broken) {
      const parsed = parseCell(input as unknown as CellInput, PERCENT_ACTUAL);
      expect(parsed.status).toBe('problem');
    }
    const noParts = parseCell(text('2(9)'), {
      column: 'actual',
      unit: '个',
      direction: 'increase',
    } as CellContext);
    expect(noParts.status).toBe('problem');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Typos: letters typed for digits are named with the value they most likely stand for, never replaced silently

describe('parseCell on letters typed for digits', () => {
  it.each([
    { cell: '1O0', unit: '%', zh: '1O0 中的字母 O 应为数字 0？', intended: '100' },
    { cell: 'l00', unit: '%', zh: 'l00 中的字母 l 应为数字 1？', intended: '100' },
    { cell: 'I00', unit: '%', zh: 'I00 中的字母 I 应为数字 1？', intended: '100' },
    { cell: '6O.5', unit: '%', zh: '6O.5 中的字母 O 应为数字 0？', intended: '60.5' },
    { cell: '1OOO', unit: '万户', zh: '1OOO 中的字母 O 应为数字 0？', intended: '1000' },
    { cell: '>9O', unit: '%', zh: '9O 中的字母 O 应为数字 0？', intended: '90' },
    { cell: '1O0以上', unit: '%', zh: '1O0 中的字母 O 应为数字 0？', intended: '100' },
    { cell: '１Ｏ０', unit: '%', zh: '１Ｏ０ 中的全角字母 Ｏ 应为数字 0？', intended: '100' },
    {
      cell: 'ｌ0Ｏ',
      unit: '%',
      zh: 'ｌ0Ｏ 中的全角字母 ｌ 应为数字 1、全角字母 Ｏ 应为数字 0？',
      intended: '100',
    },
  ])(
    'given $cell in a value cell, then it is a value_typo naming $intended',
    ({ cell, unit, zh, intended }) => {
      const parsed = parseCell(text(cell), context('actual', unit));
      expect(parsed.status).toBe('problem');
      if (parsed.status !== 'problem') return;
      expect(parsed.problem.code).toBe('value_typo');
      expect(parsed.problem.message.zh).toContain(zh);
      expect(parsed.problem.message.zh).toContain(`应是 ${intended} 吗`);
      expect(parsed.problem.message.en).toContain(`mean ${intended}?`);
    },
  );

  it('names each look-alike of a part of a list with its own typo', () => {
    const parsed = parseCell(text('1O0、20'), context('target', 'Mbps', URBAN_TOWN));
    expect(parsed).toMatchObject({ status: 'problem', problem: { code: 'value_typo' } });
  });

  it.each(['lol', 'O', 'abc', '10G以上', '100 Mbps', 'IO'])(
    'given %s, which is no number with a typo, then it is not called a typo',
    (cell) => {
      const parsed = parseCell(text(cell), context('actual', 'Mbps'));
      if (parsed.status === 'problem') expect(parsed.problem.code).not.toBe('value_typo');
    },
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Names

describe('normaliseName and unitInName', () => {
  it.each([
    ['社会保障卡发卡量（万张）', '社会保障卡发卡量', '万张'],
    ['省两化融合示范（试点）企业（个）', '省两化融合示范(试点)企业', '个'],
    ['省两化融合示范（试验）区（个）', '省两化融合示范(试验)区', '个'],
    ['信息化发展水平总指数（以1为基准）', '信息化发展水平总指数', undefined],
    ['信息化发展水平总指数', '信息化发展水平总指数', undefined],
    ['社会保障·市民卡累计发卡量（张）', '社会保障市民卡累计发卡量', '张'],
    ['计算机普及率（台/百人）', '计算机普及率', '台/百人'],
    ['互联网出口带宽（G）', '互联网出口带宽', 'G'],
    ['城市、乡镇宽带接入能力（Mbps）', '城市、乡镇宽带接入能力', 'Mbps'],
    [
      '企业利用信息技术开展生产、管理、创新活动比例（%）',
      '企业利用信息技术开展生产、管理、创新活动比例',
      '%',
    ],
    ['电子信息产品制造业主营业务收入（亿元）', '电子信息产品制造业主营业务收入', '亿元'],
    ['移动电话用户（万户）', '移动电话用户', '万户'],
    ['经济社会各领域两化融合、信息化示范应用载体（个）', '经济社会各领域两化融合、信息化示范应用载体', '个'],
    ['示范基地（服务产业园）', '示范基地(服务产业园)', undefined],
    ['家庭宽带用户数（单位：万户）', '家庭宽带用户数', '万户'],
    ['  移动电话 用户 (万户) ', '移动电话用户', '万户'],
    ['4G用户数（万户）', '4g用户数', '万户'],
  ])('%s → %s, unit %s', (name, normalised, unit) => {
    expect(normaliseName(name)).toBe(normalised);
    expect(unitInName(name)).toBe(unit);
  });

  it('treats the typed variants of a name alike', () => {
    const variants = [
      '社会保障·市民卡累计发卡量（张）',
      '社会保障・市民卡累计发卡量(张)',
      '社会保障•市民卡累计发卡量 （张）',
      '社会保障市民卡累计发卡量【张】',
      '“社会保障·市民卡”累计发卡量',
    ];
    const names = new Set(variants.map(normaliseName));
    expect([...names]).toEqual(['社会保障市民卡累计发卡量']);
    expect(normaliseName('城市，乡镇宽带接入能力（MBPS）')).toBe(
      normaliseName('城市、乡镇宽带接入能力（Mbps）'),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties

const GRAMMAR_TOKENS = [
  '0',
  '1',
  '2',
  '9',
  '27',
  '61.48',
  '.',
  ',',
  '，',
  '、',
  ';',
  '；',
  ':',
  '：',
  '(',
  ')',
  '（',
  '）',
  '>',
  '<',
  '=',
  '＞',
  '＜',
  '≥',
  '≤',
  '≈',
  '~',
  '%',
  '％',
  '‰',
  '万',
  '亿',
  '万亿',
  '张',
  '万张',
  '亿元',
  'G',
  'Mbps',
  '超过',
  '不低于',
  '不超过',
  '约',
  '以上',
  '以下',
  '左右',
  '—',
  '-',
  '–',
  '_',
  '／',
  '/',
  '无',
  ' ',
  '\u3000',
  '省级',
  '市',
  '县级',
  '城市',
  '乡镇',
  '示范',
  '试点',
  '示范（试验区）',
  '#DIV/0!',
  '#N/A',
  '１',
  '０',
  '．',
  '+',
  'e',
  '\n',
];

const PART_POOL: CellPart[] = [
  ...DEMO_PILOT,
  ...URBAN_TOWN_RURAL,
  { code: 'empty', name: '' },
  { code: 'tier-like', name: '市' },
  { code: 'bracket', name: '(' },
  { code: 'proto', name: 'constructor' },
];

const contexts: fc.Arbitrary<CellContext> = fc.record({
  column: fc.constantFrom('actual' as const, 'target' as const),
  unit: fc.oneof(
    fc.constantFrom(
      '',
      '%',
      '‰',
      '个',
      '张',
      '万张',
      '亿元',
      '万亿元',
      'G',
      'Mbps',
      '台/百人',
      'constructor',
      '万',
    ),
    fc.string({ maxLength: 4 }),
  ),
  direction: fc.constantFrom('increase' as const, 'decrease' as const),
  parts: fc.subarray(PART_POOL, { maxLength: 4 }),
});

const grammarText = fc
  .array(fc.constantFrom(...GRAMMAR_TOKENS), { maxLength: 14 })
  .map((tokens) => tokens.join(''));

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary-ascii' }),
  grammarText,
  grammarText,
);

const cellInputs: fc.Arbitrary<CellInput> = fc.oneof(
  anyText.map((value): CellInput => ({ kind: 'text', text: value })),
  fc.record({ kind: fc.constant('number' as const), value: fc.double(), percentFormat: fc.boolean() }),
  fc.constant({ kind: 'empty' as const }),
  fc.record({
    kind: fc.constant('formula' as const),
    result: fc.oneof(fc.double(), anyText, fc.constant(undefined)),
    percentFormat: fc.boolean(),
  }),
  fc.constant({ kind: 'date' as const }),
  fc.record({ kind: fc.constant('error' as const), text: anyText }),
);

const TIERS = new Set<Tier>([null, 'province', 'city', 'county']);

function expectWellFormed(parsed: ParsedCell, context: CellContext): void {
  switch (parsed.status) {
    case 'values':
      expect(parsed.values.length).toBeGreaterThan(0);
      for (const value of parsed.values) {
        expect(Number.isFinite(value.value)).toBe(true);
        expect(Comparator.options).toContain(value.comparator);
        expect(TIERS.has(value.tier)).toBe(true);
        if (value.part !== null) expect(context.parts.map((p) => p.code)).toContain(value.part);
      }
      if (parsed.label !== undefined) expect(typeof parsed.label).toBe('string');
      return;
    case 'missing':
      expect(typeof parsed.marker).toBe('string');
      return;
    case 'problem':
      expect(VALUE_PROBLEM_CODES).toContain(parsed.problem.code);
      expect(parsed.problem.code).not.toBe('internal_error');
      expect(parsed.problem.message.zh.length).toBeGreaterThan(0);
      expect(parsed.problem.message.en.length).toBeGreaterThan(0);
      return;
    default:
      throw new Error(`unexpected status in ${JSON.stringify(parsed)}`);
  }
}

/** ASCII punctuation, digits and letters to their full-width forms. */
const toFullWidth = (value: string) =>
  value.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

describe('parseCell properties', () => {
  it('never throws and always returns a well-formed cell', () => {
    fc.assert(
      fc.property(cellInputs, contexts, (input, context) => {
        expectWellFormed(parseCell(input, context), context);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads any text built from the grammar’s own tokens without throwing', () => {
    fc.assert(
      fc.property(grammarText, contexts, (value, context) => {
        expectWellFormed(parseCell({ kind: 'text', text: value }, context), context);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads full-width forms as their half-width forms', () => {
    fc.assert(
      fc.property(grammarText, contexts, (value, context) => {
        const half = parseCell({ kind: 'text', text: value }, context);
        const full = parseCell({ kind: 'text', text: toFullWidth(value) }, context);
        expect(full.status).toBe(half.status);
        if (half.status === 'values' && full.status === 'values') {
          expect(full.values).toEqual(half.values);
          expect(full.label).toEqual(half.label);
        }
        if (half.status === 'problem' && full.status === 'problem') {
          expect(full.problem.code).toBe(half.problem.code);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('reads a decimal written as text as the number it is', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e9 }), fc.nat({ max: 99 }), contexts, (integer, cents, context) => {
        const printed = `${integer}.${String(cents).padStart(2, '0')}`;
        const actual = { ...context, column: 'actual' as const };
        expect(parseCell({ kind: 'text', text: printed }, actual)).toEqual(eq(Number(printed)));
      }),
    );
  });

  it('reads a finite number cell as itself', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), contexts, (value, context) => {
        const actual = { ...context, column: 'actual' as const };
        expect(parseCell({ kind: 'number', value }, actual)).toEqual(eq(value === 0 ? 0 : value));
      }),
    );
  });
});
