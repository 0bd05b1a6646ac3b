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
    zh: '最新实际值只给出界限或约数（如＜50、≈100），不能证明是否达到目标',
    en: 'the latest actual is known only as a bound or an approximation (＜50, ≈100) that may fall either side of the target: it proves it neither met nor missed',
  },
  final_outcome_open: {
    zh: '目标年份的实际值只给出界限或约数，无法判定是否完成：暂按进展速度判断',
    en: 'the target year’s actual is a bound or an approximation that may fall either side: met or missed cannot be told, the rate of progress decides',
  },
  compound_latest_not_positive: {
    zh: '最新实际值为零或负数，无法计算复合增长率：改用线性方法',
    en: 'the latest actual is zero or negative, so no compound rate exists: the linear method is used',
  },
  growth_latest_not_positive: {
    zh: '最新实际值为零或负数：年均增长率按−100%计',
    en: 'the latest actual is zero or negative: the average growth counts as −100 % a year',
  },
  projection_few_points: {
    zh: '实际值少于3年：预测仅为两点连线，不确定',
    en: 'fewer than three years reported: the projection is the line through two points and uncertain',
  },
  projection_capped: {
    zh: '趋势外推超过所需进度的2倍：预测值按该上限计，不确定',
    en: 'the fitted trend runs past twice the progress required: the projection is capped there and uncertain',
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
  baseline_meets_target: {
    zh: '基期值已达到目标，但规划期内尚无报告值：暂不判定为已实现',
    en: 'the baseline already meets the target, but nothing is reported for the plan period yet: not counted as achieved',
  },
  no_actuals: { zh: '没有实际值', en: 'no actual value reported' },
  target_not_ahead: {
    zh: '基期值已达到或越过目标：所需进度为零，按实际变化方向判断',
    en: 'the baseline already reaches or passes the target: no progress is required, the direction of change decides',
  },
  target_year_reached: {
    zh: '已有目标年份的实际值：结果为最终结果（完成或未完成），差距按该年实际值计算',
    en: 'an actual for the target year is in: the outcome is final (achieved or not), and the gap is that actual’s',
  },
  growth_achieved_only_when_final: {
    zh: '年均增长率目标只有在目标年份的实际值报告后才算达成',
    en: 'a growth-rate target counts as achieved only once the target year has been reported',
  },
  approx_within_tolerance: {
    zh: '“约”目标：实际值在目标值±5%以内即视为达成',
    en: 'an approximate (≈) target counts as met within ±5 % of its value',
  },
  range_target: {
    zh: '区间目标（如3到5个）：达到区间的近端（下限；逆向指标为上限）即为达成，进度按该端计算',
    en: 'a range target (3到5): reaching its near bound (the lower one; the upper one for a lower-is-better indicator) achieves it, and progress is measured to that bound',
  },
  beyond_range: {
    zh: '实际值已超出目标区间（超额完成）：仍判定为已实现，请核实区间是否仍合适',
    en: 'the actual lies beyond the target range (over-fulfilled): achieved, flagged so that a reader checks the range still fits',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type NoteCode = keyof typeof NOTES;
