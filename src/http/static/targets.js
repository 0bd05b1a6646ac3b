import { formatNumber, formatValue, TIERS } from './labels.js';

/** One target (a progress row) in words: its key, name, and values as a person reads them. */

/** Identifies a target within a plan and region: indicator, part or tier, year, basis. */
export const targetKey = (row) =>
  [row.indicator.code, row.part?.code ?? '', row.tier ?? '', row.targetYear, row.basis].join('|');

/** "宽带接入能力 · 城市", "…（省级）", "…（2012年目标）". */
export function targetName(row, { finalYear = 2015 } = {}) {
  let name = row.indicator.name;
  if (row.part) name += ` · ${row.part.name}`;
  if (row.tier) name += `（${TIERS[row.tier] ?? row.tier}）`;
  if (row.targetYear !== finalYear) name += `（${row.targetYear}年目标）`;
  return name;
}

/** A level with its year: "39.64 万户（2010年）". */
export function levelWithYear(point, unit) {
  if (!point) return '—';
  return `${formatValue(point.value, point.comparator, unit)}（${point.year}年）`;
}

/** The target as the plan states it: "≥100 万户", or "年均增长 ≥11.5%". */
export function targetText(row) {
  const { comparator, value, unit, upper } = row.target;
  return row.basis === 'annual_growth'
    ? `年均增长 ${formatValue(value, comparator, '%')}`
    : formatValue(value, comparator, unit, upper);
}

/** The value projected for the target year (and, for a growth-rate target, the growth it implies). */
export function projectedText(row) {
  const projection = row.projection;
  // Once the target year is reported the outcome is settled: no projection to show.
  if (!projection || row.final) return '—';
  const level = `${formatValue(projection.value, 'eq', row.unit)}${projection.uncertain ? '（不确定）' : ''}`;
  if (
    row.basis === 'annual_growth' &&
    projection.annualGrowth !== null &&
    projection.annualGrowth !== undefined
  ) {
    return `${level}（年均 ${formatNumber(projection.annualGrowth * 100)}%）`;
  }
  return level;
}
