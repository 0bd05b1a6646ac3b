/**
 * Numbers as people read them in a report: no floating-point noise (372.41600000000005 → 372.416), at most
 * `decimals` decimals, no trailing zeros. JSON keeps full precision; every human output goes through here.
 */
export function roundForPeople(value: number, decimals = 3): number {
  const clean = Number(value.toPrecision(12));
  const factor = 10 ** decimals;
  return Math.round(clean * factor) / factor;
}

/** A fraction as a percentage for people: 0.975 → "97.5%". */
export function percentForPeople(fraction: number | null | undefined, decimals = 1): string {
  return fraction === null || fraction === undefined ? '' : `${roundForPeople(fraction * 100, decimals)}%`;
}

const SIGNS = { eq: '', gt: '＞', gte: '≥', lt: '＜', lte: '≤', approx: '≈', between: '' } as const;

/** A value with its comparator and unit, as printed: "≥200 万户", "＞0.71", "65.5%", a range "3–5 个". */
export function valueForPeople(
  value: number | null | undefined,
  comparator: keyof typeof SIGNS | null = 'eq',
  unit = '',
  upper?: number,
): string {
  if (value === null || value === undefined) return '';
  const spacer = !unit || unit === '%' ? '' : ' ';
  const upperText = comparator === 'between' && upper !== undefined ? `–${roundForPeople(upper)}` : '';
  return `${SIGNS[comparator ?? 'eq']}${roundForPeople(value)}${upperText}${spacer}${unit}`;
}

/** Status words of an evaluation. */
export const STATUS_WORDS: Record<string, string> = {
  achieved: '已实现',
  on_track: '进展顺利',
  moderate: '进展一般',
  insufficient: '进展不足',
  regressing: '倒退',
  not_achieved: '未完成',
  no_data: '无数据',
};

export const KIND_WORDS = { mid_term: '中期评估', final: '终期评估', interim: '进度评估' } as const;
