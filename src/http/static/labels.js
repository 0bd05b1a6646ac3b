/** Chinese labels and colours of the API's codes, and number formatting. */

/** Statuses best first, as the scorecard lists them. `color` draws charts; badges use `tint` and `ink`. */
export const STATUSES = [
  { key: 'achieved', zh: '已实现', color: '#15803d', tint: '#dcfce7', ink: '#14532d' },
  { key: 'on_track', zh: '进展顺利', color: '#65a30d', tint: '#ecfccb', ink: '#365314' },
  { key: 'moderate', zh: '进展一般', color: '#ca8a04', tint: '#fef9c3', ink: '#713f12' },
  { key: 'insufficient', zh: '进展不足', color: '#ea580c', tint: '#ffedd5', ink: '#7c2d12' },
  { key: 'regressing', zh: '倒退', color: '#dc2626', tint: '#fee2e2', ink: '#7f1d1d' },
  { key: 'not_achieved', zh: '未完成', color: '#7f1d1d', tint: '#fecaca', ink: '#450a0a' },
  { key: 'no_data', zh: '无数据', color: '#94a3b8', tint: '#f1f5f9', ink: '#334155' },
];

export const statusOf = (key) =>
  STATUSES.find((status) => status.key === key) ?? {
    key,
    zh: key,
    color: '#64748b',
    tint: '#f1f5f9',
    ink: '#334155',
  };

const COMPARATORS = { eq: '', gt: '＞', gte: '≥', lt: '＜', lte: '≤', approx: '≈', between: '' };

export const IMPORT_STATUSES = {
  'dry-run': '检查通过（未写入）',
  imported: '已导入',
  duplicate: '重复文件（未写入）',
  // A check that failed, not a submission refused: nothing was sent on for approval.
  rejected: '检查未通过（未写入）',
};

/**
 * The import history's outcomes (GET /imports): an upload that failed its check or was only tried is kept too,
 * so a supervisor sees that a bureau tried and why it failed.
 */
export const HISTORY_STATUSES = {
  imported: '已导入',
  rejected: '检查未通过（未写入）',
  'dry-run': '试检查（未写入）',
};

export const SEVERITIES = { error: '错误', warning: '提醒' };

export const TIERS = { province: '省级', city: '市级', county: '县级' };

export const ENTRY_TYPES = { ValueReported: '报送', ValueRevised: '修订', ValueRetracted: '撤回' };

const numbers = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/** 1234.5 → "1,234.5"; null → "—". */
export const formatNumber = (value) =>
  value === null || value === undefined || Number.isNaN(value) ? '—' : numbers.format(value);

/** A value as a person writes it: comparator, number, unit ("≥100 万户", "＞0.71", "65.5%", a range "3–5 个"). */
export function formatValue(value, comparator = 'eq', unit = '', upper = null) {
  if (value === null || value === undefined) return '—';
  const sign = COMPARATORS[comparator] ?? '';
  const spacer = !unit || unit === '%' ? '' : ' ';
  const range =
    comparator === 'between' && upper !== null && upper !== undefined ? `–${formatNumber(upper)}` : '';
  return `${sign}${formatNumber(value)}${range}${spacer}${unit ?? ''}`;
}

/** An ISO time as a Chinese local date and time. */
export function formatTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString('zh-CN', { hour12: false, dateStyle: 'short', timeStyle: 'short' });
}
