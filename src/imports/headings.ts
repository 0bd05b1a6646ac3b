/**
 * What a column heading says the column holds. Headings are matched after NFKC and without spaces, because
 * printed tables space them out (指    标) and mix full- and half-width forms.
 */
export type ColumnRole =
  | { role: 'code' }
  | { role: 'category' }
  | { role: 'indicator' }
  | { role: 'unit' }
  | { role: 'ignored' }
  /** Actual values reported for a year: 2010年实现情况, 2011年, 2011. */
  | { role: 'actual'; year: number }
  /**
   * A plan's target: 2015年预期目标, 省十二五规划预期目标 (the province's plan), 市十二五规划预期目标 (the city's own).
   * year undefined: the end of that plan's period.
   */
  | { role: 'target'; year: number | undefined; scope: 'own' | 'province' | 'national' };

export const compactHeading = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\s\u200b]+/gu, '')
    .toLowerCase();

const CODE = /^(指标代码|指标编码|代码|编码|code|indicatorcode)$/u;
const CATEGORY = /^(类别|分类|目标类型|指标类型|类型|领域|指标类别)$/u;
const INDICATOR = /^(指标|指标名称|主要指标|指标项|指标项目|项目|名称|indicator)$/u;
const UNIT = /^(单位|计量单位|unit)$/u;
const IGNORED = /^(序号|编号|no\.?|备注|说明|数据来源|资料来源|填报说明)$/u;
/** 2010年实现情况, 2011年, 2011, 2012年实际, 2013年完成情况. */
const ACTUAL =
  /^((?:19|20)\d{2})年?(实现情况|实际|实际值|实现值|完成情况|完成值|完成|实绩|数据|数值|统计值)?$/u;
const TARGET = /(目标|预期|规划值|计划值)/u;
const YEAR = /((?:19|20)\d{2})/u;
/** 十一五 … 十四五: the plan whose period ends that year. */
const FIVE_YEAR = /十([一二三四])五/u;

export function classifyHeading(text: string): ColumnRole | undefined {
  const heading = compactHeading(text);
  if (heading === '') return undefined;
  if (CODE.test(heading)) return { role: 'code' };
  if (CATEGORY.test(heading)) return { role: 'category' };
  if (INDICATOR.test(heading)) return { role: 'indicator' };
  if (UNIT.test(heading)) return { role: 'unit' };
  if (IGNORED.test(heading)) return { role: 'ignored' };
  const actual = ACTUAL.exec(heading);
  if (actual) return { role: 'actual', year: Number(actual[1]) };
  if (TARGET.test(heading)) {
    const year = YEAR.exec(heading);
    const scope = heading.startsWith('省') ? 'province' : heading.startsWith('国家') ? 'national' : 'own';
    return { role: 'target', year: year ? Number(year[1]) : fiveYearEnd(heading), scope };
  }
  return undefined;
}

function fiveYearEnd(heading: string): number | undefined {
  const match = FIVE_YEAR.exec(heading);
  if (!match) return undefined;
  const ordinal = ['一', '二', '三', '四'].indexOf(match[1] ?? '') + 11;
  // The 11th plan ran 2006–2010, the 12th 2011–2015: each ends in 1955 + 5 × its ordinal.
  return 1955 + 5 * ordinal;
}
