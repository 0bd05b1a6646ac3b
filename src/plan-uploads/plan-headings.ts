import { classifyHeading, compactHeading } from '../imports/headings.ts';

/**
 * What a column heading of a plan's indicator table says. Unlike an annual report, a plan's table has one year of
 * actuals (the base year, 基期 or 2020年) and targets for later years, printed as 2025年, 2025年目标 or
 * 省“十四五”规划目标 (the province's plan beside the city's own, as Changzhou prints Jiangsu's).
 */
export type PlanColumnRole =
  | { role: 'code' | 'category' | 'indicator' | 'unit' | 'ignored' | 'direction' | 'growth' }
  | { role: 'baseline'; year: number }
  | { role: 'target'; year: number; scope: 'own' | 'province' | 'national' };

const DIRECTION = /^(方向|指标方向|变化方向|极性|direction)$/u;
const GROWTH = /^(增长方式|增长模型|增长模式|测算方式|growth|growthmodel)$/u;
const ATTRIBUTE = /^(属性|指标属性|性质|指标性质)$/u;
const BASELINE = /(基期|基准|现状|基础值|实现情况|实际|完成)/u;
const TARGET = /(目标|预期|规划值|计划值)/u;
const YEAR = /((?:19|20)\d{2})/u;

export function classifyPlanHeading(
  text: string,
  period: { start: number; end: number },
): PlanColumnRole | undefined {
  const heading = compactHeading(text);
  if (heading === '') return undefined;
  if (DIRECTION.test(heading)) return { role: 'direction' };
  if (GROWTH.test(heading)) return { role: 'growth' };
  // 预期性/约束性 says how binding a target is, not which way it goes.
  if (ATTRIBUTE.test(heading)) return { role: 'ignored' };
  const year = YEAR.exec(heading)?.[1];
  const stated = year === undefined ? undefined : Number(year);
  const baseYear = period.start - 1;
  if (TARGET.test(heading)) {
    const scope = heading.startsWith('省') ? 'province' : heading.startsWith('国家') ? 'national' : 'own';
    return { role: 'target', year: stated ?? period.end, scope };
  }
  if (BASELINE.test(heading)) return { role: 'baseline', year: stated ?? baseYear };
  const annual = classifyHeading(text);
  if (annual?.role === 'actual') {
    // A bare year: the base year (or earlier) holds actuals, every later year a target.
    return annual.year <= baseYear
      ? { role: 'baseline', year: annual.year }
      : { role: 'target', year: annual.year, scope: 'own' };
  }
  if (annual?.role === 'target') {
    return { role: 'target', year: annual.year ?? period.end, scope: annual.scope };
  }
  if (annual) return { role: annual.role };
  return undefined;
}
