/**
 * 完成率 and the gap of the latest actual, as an evaluation report states them.
 *
 * - `progress`: progress made over progress required, (latest − baseline) / (target − baseline); for a
 *   growth-rate target the average growth achieved over the growth required. Null when the target asks for no
 *   progress (the baseline already meets it).
 * - `level`: for a level target, actual ÷ target (increase), or target ÷ actual for a lower-is-better indicator
 *   (逆向指标), when both are positive; null otherwise (a growth-rate target, a zero or negative value).
 * - `gap`: how far the latest actual falls short of the target in the direction of progress (≤ 0: none), in the
 *   target's unit, or in percentage points for a growth-rate target.
 */
export interface Completion {
  progress: number | null;
  level: number | null;
  gap: number | null;
}

const round12 = (x: number) => Number(x.toPrecision(12));

export function completionOf(input: {
  sign: 1 | -1;
  growthTarget: boolean;
  baseline: number;
  latest: number;
  target: number;
  /** Growth-rate target: average growth achieved since the baseline, as a fraction per year. */
  actualRate: number | null;
}): Completion {
  const { sign, baseline, latest, target } = input;
  if (input.growthTarget) {
    const required = target / 100;
    const achieved = input.actualRate;
    return {
      progress: achieved !== null && required * sign > 0 ? round12(achieved / required) : null,
      level: null,
      gap: achieved === null ? null : round12((target - achieved * 100) * sign),
    };
  }
  const required = (target - baseline) * sign;
  const level = target > 0 && latest > 0 ? round12(sign > 0 ? latest / target : target / latest) : null;
  return {
    progress: required > 0 ? round12(((latest - baseline) * sign) / required) : null,
    level,
    gap: round12((target - latest) * sign),
  };
}
