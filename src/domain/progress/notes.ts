/**
 * Remarks a progress row carries about its own calculation, so that a reader knows which rule applied.
 * Codes are stable; the messages are for people.
 */
export const NOTES = {
  baseline_first_reported: {
    zh: '缺少基期值：以最早报告的数值作为基期',
    en: 'no value for the base year: the first reported value serves as the baseline',
  },
  baseline_is_bound: {
    zh: '基期值只给出界限（如＜50），按该数值计算',
    en: 'the baseline is known only as a bound (e.g. ＜50); the number is used as it is',
  },
  latest_is_bound: {
    zh: '最新实际值只给出界限，不能证明已达到目标',
    en: 'the latest actual is known only as a bound on the wrong side: it cannot prove the target met',
  },
  compound_needs_positive_values: {
    zh: '复合增长需要正的基期值和目标值：改用线性路径',
    en: 'compound growth needs a positive baseline and target: the linear path is used',
  },
  log_fit_needs_positive_values: {
    zh: '对数线性拟合需要全部实际值为正：改用线性拟合',
    en: 'a log-linear fit needs every actual positive: a linear fit is used',
  },
  growth_needs_positive_values: {
    zh: '年均增长率目标需要正的基期值和最新值',
    en: 'a growth-rate target needs a positive baseline and latest actual',
  },
  one_point_only: {
    zh: '只有一个实际值，无法计算变化速度',
    en: 'only one actual value: no rate of progress can be measured',
  },
  no_actuals: { zh: '没有实际值', en: 'no actual value reported' },
  target_not_ahead: {
    zh: '基期值已达到或越过目标：所需进度为零，按实际变化方向判断',
    en: 'the baseline already reaches or passes the target: no progress is required, the direction of change decides',
  },
  target_year_reached: {
    zh: '已有目标年份（或之后）的实际值：结果为最终结果',
    en: 'an actual for the target year is in: the outcome is final',
  },
  growth_achieved_only_when_final: {
    zh: '年均增长率目标只有在目标年份的实际值报告后才算达成',
    en: 'a growth-rate target counts as achieved only once the target year has been reported',
  },
  approx_within_tolerance: {
    zh: '“约”目标：实际值在目标值±5%以内即视为达成',
    en: 'an approximate (≈) target counts as met within ±5 % of its value',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type NoteCode = keyof typeof NOTES;
