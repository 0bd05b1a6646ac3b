import { INSTRUCTIONS_SHEET } from '../imports/read-observations.ts';
import type { CellSpec, SheetSpec, ValidationSpec, WorkbookSpec } from '../imports/write-workbook.ts';
import type { TemplateLayout } from './template-layout.ts';

export const TEMPLATE_SHEET = '主要指标';
/** The hidden column's heading: the importer matches rows by this code first, so a renamed row still matches. */
export const CODE_HEADING = '指标代码';

const HEADER_FILL = 'FFD9E1F2';
/** Columns copied from the plan document, for reference. */
const REFERENCE_FILL = 'FFF2F2F2';

/**
 * Value cells accept text as well as numbers (＞70, 2(9), 100、20、12, 4900万 are legal), so the validation is a
 * decimal range shown as information: Excel explains the accepted forms and lets the clerk keep any entry, and
 * a plain number outside the range (a negative count, a share above 100) gets a second look. The importer is
 * the real check.
 */
function valueValidation(isShare: boolean, year: number, unit: string): ValidationSpec {
  const unitText = unit === '' ? '' : `（单位：${unit}）`;
  return {
    type: 'decimal',
    operator: isShare ? 'between' : 'greaterThanOrEqual',
    formulae: isShare ? [0, 100] : [0],
    errorStyle: 'information',
    promptTitle: `${year}年实现情况${unitText}`.slice(0, 32),
    prompt:
      '填数字（如 61.48、4900万）；可加 >、≥、<、≤、≈；分项填 3（27）或 100、20、12；未填报留空或填“—”。'.slice(
        0,
        255,
      ),
    errorTitle: '请核对数值',
    error: isShare
      ? '比例应在 0 到 100 之间。若填的是“>70”“≈100”等规定写法，请点“确定”保留。'
      : '数值应为不小于 0 的数字。若填的是“>70”“3（27）”“4900万”等规定写法，请点“确定”保留。',
  };
}

function instructions(layout: TemplateLayout): string[] {
  const first = layout.reportYears[0];
  const last = layout.reportYears.at(-1);
  return [
    `${layout.title}`,
    `规划：${layout.planId}　地区：${layout.regionName}（${layout.regionCode}）　期间：${layout.period.start}—${layout.period.end} 年`,
    '',
    '填报方法',
    `1. 在“${first}年”至“${last}年”各栏填写当年的实现情况。未填报的留空或填“—”；不要用 0 表示未填报（0 就是数值零）。`,
    '2. 按“单位”栏的单位填写。可以写“4900万”“3.7万亿”，系统换算到本行单位；百分比指标填 65.5，或把单元格设为百分比格式后填 65.5%。',
    '3. 只知道范围的数值加比较符：>、≥、<、≤、≈（如“>70”“≈100”）。',
    '4. 有分项的指标在一个单元格内按顺序填写：示范（试点）企业填“3（27）”（示范 3 个、试点 27 个）；宽带接入能力填“100、20、12”（城市、乡镇、农村），只报部分分项时写“城市：100，乡镇：20”。',
    `5. “${layout.baselineYear}年实现情况”和“预期目标”各栏（灰色）是规划文件中的数值，仅供对照。修改目标栏不会改变规划目标（目标只由规划文件确定），导入时会提示差异。规划中其他年份或按年均增速表述的目标见规划文件。`,
    `6. 隐藏的 A 列（${CODE_HEADING}）用于识别指标，请勿修改；指标名称可以改写。请勿删除表头行或改动年份栏的表头。`,
    '7. 不要填写日期；公式以保存时的计算结果导入，出现 #DIV/0! 等错误的单元格会被拒绝。',
    '',
    '上传',
    `8. 在监测网页的“上传数据”一栏上传：选择填好的本文件，报送地区选“${layout.regionName}”，点“检查文件”。系统逐格检查后列出将导入的数值和所有问题（指标、年份、单元格），此时还没有写入任何数据。`,
    '9. 检查通过后点“确认导入”，数值才正式记入，页面随即按新数据更新；上传需要管理员发给您的写入权限（令牌或账号）。',
    '10. 导入是整体的：只要有一处错误，整个文件都不导入；按提示改正后重新上传即可。同一文件重复上传不会重复导入，修改过的数值记为修订，原值保留可查。',
    '',
    '技术人员',
    `11. 也可以用接口或命令行导入：POST /api/v1/imports（file、region=${layout.regionCode}，可选 plan=${layout.planId}、dryRun=true 只检查不写入）；命令行：npm run import -- 文件.xlsx --region ${layout.regionCode}。接口说明见服务的 /docs 页面。`,
  ];
}

/** The template as a workbook: the indicator table (frozen header, hidden codes, validated value cells) and instructions. */
export function templateWorkbook(layout: TemplateLayout): WorkbookSpec {
  const headings = [
    CODE_HEADING,
    '类别',
    '指标',
    '单位',
    `${layout.baselineYear}年实现情况`,
    ...layout.targetColumns.map((column) => column.heading),
    ...layout.reportYears.map((year) => `${year}年`),
  ];
  const firstYearColumn = 6 + layout.targetColumns.length;
  const header = headings.map(
    (heading): CellSpec => ({ value: heading, bold: true, fill: HEADER_FILL, wrap: true }),
  );
  const reference = (value: string | number | null): CellSpec | null =>
    value === null ? { value: '—', fill: REFERENCE_FILL } : { value, fill: REFERENCE_FILL };
  const rows: (CellSpec | null)[][] = [
    [null, { value: layout.title, bold: true }],
    header,
    ...layout.rows.map((row) => [
      { value: row.code },
      { value: row.category },
      { value: row.name },
      row.unit === '' ? null : { value: row.unit },
      reference(row.baseline),
      ...row.targets.map(reference),
    ]),
  ];
  const validations = layout.rows.flatMap((row, index) =>
    layout.reportYears.map((year, offset) => ({
      row: 3 + index,
      column: firstYearColumn + offset,
      rule: valueValidation(row.isShare, year, row.unit),
    })),
  );
  const table: SheetSpec = {
    name: TEMPLATE_SHEET,
    columns: [
      { width: 24, hidden: true },
      { width: 14 },
      { width: 44 },
      { width: 9 },
      { width: 13 },
      ...layout.targetColumns.map(() => ({ width: 16 })),
      ...layout.reportYears.map(() => ({ width: 12 })),
    ],
    rows,
    frozen: { rows: 2, columns: 4 },
    validations,
  };
  const guide: SheetSpec = {
    name: INSTRUCTIONS_SHEET,
    columns: [{ width: 110 }],
    rows: instructions(layout).map((line, index) => [
      line === ''
        ? null
        : {
            value: line,
            bold: index === 0 || line === '填报方法' || line === '上传' || line === '技术人员',
            wrap: true,
          },
    ]),
  };
  return {
    creator: 'plan-monitor',
    timestamp: new Date(`${layout.issuedOn}T00:00:00Z`),
    sheets: [table, guide],
  };
}
