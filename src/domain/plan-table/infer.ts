import type { Comparator, Direction, GrowthModel, IndicatorKind } from '../vocabulary.ts';

/**
 * What a plan's indicator table does not print but monitoring needs: what kind of quantity a row is, which way
 * is progress and how the path from baseline to target is drawn. Each guess says what it rests on, so the
 * administrator reading the draft can judge it, and a column of the sheet (方向, 增长方式) overrides it.
 */

export interface Inferred<T> {
  value: T;
  /**
   * What the guess rests on: the sheet's own column, the catalog's definition of a shared indicator, the unit,
   * the name, the target's sign, the numbers, or nothing (the default).
   */
  from: 'column' | 'catalog' | 'unit' | 'name' | 'comparator' | 'values' | 'default';
}

const AMOUNT_UNITS = /^(亿元|万元|元|千元|亿美元|万美元|美元|万亿元|万亿)$/u;
const INDEX_NAME = /指数|index/iu;

export function inferKind(unit: string, name: string): Inferred<IndicatorKind> {
  if (unit === '%' || unit === '‰') return { value: 'ratio', from: 'unit' };
  if (AMOUNT_UNITS.test(unit)) return { value: 'amount', from: 'unit' };
  if (unit === '' && INDEX_NAME.test(name)) return { value: 'index', from: 'name' };
  if (unit === '') return { value: 'index', from: 'unit' };
  return { value: 'count', from: 'unit' };
}

/** Names of quantities that should fall: energy use, emissions, costs, waiting times, incidents. */
const FALLING_NAME = /能耗|耗能|排放|降低|下降|减少|成本|时间|时长|天数|发生率|事故|差距|延时|时延|投诉/u;
const LOWER_BOUNDS: readonly Comparator[] = ['lt', 'lte'];
const UPPER_BOUNDS: readonly Comparator[] = ['gt', 'gte'];

/**
 * Lower-is-better when the sheet says so, when the target is printed as an upper bound (＜15), when the name is
 * of a falling quantity, or when the target lies below the baseline; higher-is-better otherwise.
 */
export function inferDirection(input: {
  column?: string | undefined;
  name: string;
  targetComparators: readonly Comparator[];
  baseline?: number | undefined;
  targets: readonly number[];
}): Inferred<Direction> | { problem: string } {
  if (input.column !== undefined && input.column.trim() !== '') {
    const stated = directionWord(input.column);
    return stated ? { value: stated, from: 'column' } : { problem: input.column };
  }
  if (input.targetComparators.some((c) => LOWER_BOUNDS.includes(c)))
    return { value: 'decrease', from: 'comparator' };
  if (input.targetComparators.some((c) => UPPER_BOUNDS.includes(c)))
    return { value: 'increase', from: 'comparator' };
  if (FALLING_NAME.test(input.name)) return { value: 'decrease', from: 'name' };
  const { baseline, targets } = input;
  if (baseline !== undefined && targets.length > 0 && targets.every((target) => target < baseline)) {
    return { value: 'decrease', from: 'values' };
  }
  return { value: 'increase', from: 'default' };
}

/** Shares and indices move by points (a straight path); counts and amounts grow by a rate (compound). */
export function inferGrowth(
  kind: IndicatorKind,
  column?: string,
): Inferred<GrowthModel> | { problem: string } {
  if (column !== undefined && column.trim() !== '') {
    const stated = growthWord(column);
    return stated ? { value: stated, from: 'column' } : { problem: column };
  }
  return kind === 'ratio' || kind === 'index'
    ? { value: 'linear', from: 'unit' }
    : { value: 'compound', from: 'unit' };
}

const compact = (text: string) => text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();

function directionWord(text: string): Direction | undefined {
  const word = compact(text);
  if (/^(正向|正|上升|增加|提高|越大越好|越高越好|increase|up|higher)$/u.test(word)) return 'increase';
  if (/^(逆向|负向|负|反向|下降|减少|降低|越小越好|越低越好|decrease|down|lower)$/u.test(word))
    return 'decrease';
  return undefined;
}

function growthWord(text: string): GrowthModel | undefined {
  const word = compact(text);
  if (/^(线性|直线|等差|linear)$/u.test(word)) return 'linear';
  if (/^(复合|复利|几何|等比|年均增长|compound)$/u.test(word)) return 'compound';
  return undefined;
}

/** The part codes of the labels the documents use for compound rows; others are numbered p1, p2 … */
const KNOWN_PARTS: Readonly<Record<string, string>> = {
  城市: 'urban',
  城镇: 'urban',
  乡镇: 'town',
  农村: 'rural',
  示范: 'demo',
  试点: 'pilot',
};

export function partCode(label: string, index: number): string {
  return KNOWN_PARTS[label.trim()] ?? `p${index + 1}`;
}

/**
 * A code for an indicator the catalog does not have: the plan's id and the row's place in the table (ascii, as
 * codes must be). The administrator can give a better one in the sheet's 代码 column.
 */
export const proposedCode = (planId: string, ordinal: number) =>
  `${planId}-${String(ordinal).padStart(2, '0')}`;

/** 14th plan of 320000 → r320000-14fyp: the n-th five-year plan ends in 1955 + 5n. */
export function proposedPlanId(regionCode: string, periodEnd: number): string {
  const ordinal = (periodEnd - 1955) / 5;
  return Number.isInteger(ordinal) && ordinal > 0
    ? `r${regionCode}-${ordinal}fyp`
    : `r${regionCode}-${periodEnd}`;
}
