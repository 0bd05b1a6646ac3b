import { convertUnit, scaleByPowerOfTen, unitMagnitude } from '../units.ts';
import type { ImplausibleConfirmed } from '../vocabulary.ts';
import { type IndicatorFacts, isShareOfWhole } from './bounds.ts';

/**
 * Implausible values: believable as numbers, but not as this region's figure for this year. They are refused
 * unless the uploader confirms them. Pure: the series' other values and the target come from the caller.
 *
 * The rules, in the order they are tried (the first that fires names the problem):
 * - unit_slip: the value is about 10^4 or 10^8 times (or 1/10^4, 1/10^8) the series' nearest value (the previous
 *   year's, else the next year's, else the target): 万 vs 个, 亿 vs 万. "About": within a factor of 10 of that
 *   power, and at least 1,000 times off. The likely value is the one with the slip undone (3,402,000 万户 → 340.2).
 * - share_as_fraction: a share of a whole written as a fraction (0.79) where the series stands at 2 % or more and
 *   the value × 100 lies within 30 points of it (79).
 * - past_target: in the plan's first year, a value already far beyond the plan's end target, counted from the
 *   baseline (the last value before the plan): more than twice the target for counts and amounts; for shares
 *   more than the whole planned change (at least 10 points) past it.
 * - jump: the value lies outside the band the series and the target (from the plan's first year on) span, widened
 *   per year between the value and its nearest neighbour (below it, only when an earlier value exists: a series
 *   may start low): counts and amounts (compound growth) × or ÷ 3 per year (plus 10 for small plain counts
 *   such as 个, 家); shares ± 25 points per year; indices and other ratios × or ÷ 1.5 per year. The band holds every
 *   value between the previous one and the target, so a region catching up fast towards its target is not flagged;
 *   a factor of 3 a year is beyond any growth the five plans state (their steepest implies 2.4 a year).
 * A robust median/MAD rule over a region's series was considered and left out: a series has one to six values,
 * too few for a deviation to mean anything, and peers are not comparable (a county against its province).
 */
export type PlausibilityRule = ImplausibleConfirmed['rule'];

/** A value of the series as stated (any unit of the indicator's base). */
export interface KnownValue {
  year: number;
  value: number;
  unit: string;
}

export interface SeriesSoFar {
  /** The series' other current values: the same region, indicator and part, other years. */
  values: readonly KnownValue[];
  /** The region's level target at the plan's end, when the plan states one. */
  target?: KnownValue | undefined;
  /** The plan's first report year (2011). */
  periodStart: number;
}

export interface ValueRead {
  year: number;
  /** In `unit`, the row's unit. */
  value: number;
  unit: string;
  /** The cell as written, for the message. */
  printed: string;
}

export interface Implausibility {
  rule: PlausibilityRule;
  /** What was expected, in the row's unit: the likely intended value, or a range. */
  expected: { likely: number } | { low?: number; high?: number };
  /** `expected` as a person reads it: “340.2？” or “20–100”. */
  expectedText: string;
  message: { zh: string; en: string };
}

const SLIPS = [8, 4, -4, -8] as const;
const SLIP_MIN_DECADES = 3;
const FRACTION_POINTS = 30;
const COMPOUND_PER_YEAR = 3;
const LINEAR_PER_YEAR = 1.5;
const SHARE_POINTS_PER_YEAR = 25;
const SMALL_COUNT_SLACK = 10;
const MAX_YEARS = 5;

/** A number for people: four significant digits (JSON keeps the full value in `expected`). */
export const forPeople = (n: number) => String(Number(n.toPrecision(4)));

interface Near {
  year: number;
  value: number;
}

/** The first rule a value breaks, or undefined when it is believable. */
export function judgeValue(
  indicator: IndicatorFacts,
  read: ValueRead,
  series: SeriesSoFar,
): Implausibility | undefined {
  if (!Number.isFinite(read.value)) return undefined;
  const share = isShareOfWhole(indicator);
  const targetValue = series.target && convertUnit(series.target.value, series.target.unit, read.unit);
  const target: Near | undefined =
    series.target && targetValue !== undefined ? { year: series.target.year, value: targetValue } : undefined;
  const all: Near[] = [];
  for (const v of series.values) {
    if (v.year === read.year) continue;
    const value = convertUnit(v.value, v.unit, read.unit);
    if (value !== undefined && Number.isFinite(value)) all.push({ year: v.year, value });
  }
  const known = withoutSlips(all, target, share);
  const previous = nearest(
    known,
    (v) => v.year < read.year,
    (a, b) => a.year > b.year,
  );
  const next = nearest(
    known,
    (v) => v.year > read.year,
    (a, b) => a.year < b.year,
  );
  const neighbour = previous ?? next;
  const reference = neighbour ?? target;
  const facts = { indicator, read, share };
  return (
    (reference && !share ? unitSlip(facts, reference) : undefined) ??
    (reference && share ? shareAsFraction(facts, reference) : undefined) ??
    pastTarget(facts, known, target, series.periodStart) ??
    jump(facts, neighbour, previous !== undefined, read.year >= series.periodStart ? target : undefined)
  );
}

/**
 * The series' values less the ones that are slips themselves (a confirmed 3,402,000 among values near 340, a share
 * typed 0.79 among values near 79), so that a right value next to a wrong one is not judged against it. A slip is
 * told from the median of the values and the target, once there are three of them to take a median of: at least
 * 1,000 times off it, or for a share at most 1 where the median is 2 or more.
 */
function withoutSlips(values: readonly Near[], target: Near | undefined, share: boolean): Near[] {
  const pool = [...values.map((v) => v.value), ...(target ? [target.value] : [])].filter((v) => v > 0);
  if (pool.length < 3) return [...values];
  pool.sort((a, b) => a - b);
  const median = pool[Math.floor(pool.length / 2)] as number;
  return values.filter((v) => {
    if (v.value <= 0) return true;
    if (Math.abs(Math.log10(v.value / median)) >= SLIP_MIN_DECADES) return false;
    return !(share && median >= 2 && v.value <= 1);
  });
}

interface Facts {
  indicator: IndicatorFacts;
  read: ValueRead;
  share: boolean;
}

function nearest(values: readonly Near[], keep: (v: Near) => boolean, better: (a: Near, b: Near) => boolean) {
  let best: Near | undefined;
  for (const v of values) if (keep(v) && (!best || better(v, best))) best = v;
  return best;
}

const what = ({ indicator, read }: Facts) => ({
  zh: `“${indicator.name}”${read.year} 年填的是 ${read.printed}`,
  en: `"${indicator.name}" ${read.year} reads ${read.printed}`,
});

function unitSlip(facts: Facts, reference: Near): Implausibility | undefined {
  const { read } = facts;
  if (read.value <= 0 || reference.value <= 0) return undefined;
  const decades = Math.log10(read.value / reference.value);
  if (Math.abs(decades) < SLIP_MIN_DECADES) return undefined;
  const slip = SLIPS.find((power) => Math.abs(decades - power) <= 1);
  if (slip === undefined) return undefined;
  const likely = scaleByPowerOfTen(read.value, -slip);
  const text = `${forPeople(likely)}？`;
  const times = slip > 0 ? `10^${slip} 倍` : `1/10^${-slip}`;
  const timesEn = slip > 0 ? `10^${slip} times` : `1/10^${-slip} of`;
  const unit = read.unit === '' ? '' : ` ${read.unit}`;
  const head = what(facts);
  return {
    rule: 'unit_slip',
    expected: { likely },
    expectedText: text,
    message: {
      zh: `${head.zh}${unit}，约为本地区 ${reference.year} 年数值（${forPeople(reference.value)}）的 ${times}，可能单位有误（如“万”与“个”、“亿”与“万”）。是否应为 ${text}`,
      en: `${head.en}${unit}, about ${timesEn} the region's ${reference.year} value (${forPeople(reference.value)}): a unit slip (万 vs 个, 亿 vs 万)? Likely ${text}`,
    },
  };
}

function shareAsFraction(facts: Facts, reference: Near): Implausibility | undefined {
  const { read } = facts;
  if (read.value <= 0 || read.value > 1 || reference.value < 2) return undefined;
  const likely = scaleByPowerOfTen(read.value, 2);
  if (Math.abs(likely - reference.value) > FRACTION_POINTS) return undefined;
  const text = `${forPeople(likely)}？`;
  const head = what(facts);
  return {
    rule: 'share_as_fraction',
    expected: { likely },
    expectedText: text,
    message: {
      zh: `${head.zh}，而本地区 ${reference.year} 年为 ${forPeople(reference.value)}%：像是把百分数写成了小数。是否应为 ${text}`,
      en: `${head.en}, while the region's ${reference.year} value is ${forPeople(reference.value)} %: a percentage written as a fraction? Likely ${text}`,
    },
  };
}

const compound = (indicator: IndicatorFacts) => indicator.kind === 'count' || indicator.kind === 'amount';

/** A range for people and JSON; an open end (a ratio with no positive anchor) is left out. */
function range(low: number, high: number) {
  const [hasLow, hasHigh] = [Number.isFinite(low), Number.isFinite(high)];
  const expectedText =
    hasLow && hasHigh
      ? `${forPeople(low)}–${forPeople(high)}`
      : hasLow
        ? `≥${forPeople(low)}`
        : `≤${forPeople(high)}`;
  return { expected: { ...(hasLow ? { low } : {}), ...(hasHigh ? { high } : {}) }, expectedText };
}

function pastTarget(
  facts: Facts,
  known: readonly Near[],
  target: Near | undefined,
  periodStart: number,
): Implausibility | undefined {
  const { read, indicator } = facts;
  if (read.year !== periodStart || !target) return undefined;
  const baseline = nearest(
    known,
    (v) => v.year < periodStart,
    (a, b) => a.year > b.year,
  );
  if (!baseline) return undefined;
  const [t, b, v] = [target.value, baseline.value, read.value];
  const increase = t >= b;
  let far: boolean;
  if (compound(indicator)) far = increase ? v > 2 * t && v > b : v < t / 2 && v < b;
  else {
    const margin = Math.max(facts.share ? 10 : Math.abs(t) / 2, Math.abs(t - b));
    far = increase ? v > t + margin : v < t - margin;
  }
  if (!far) return undefined;
  const expected = range(Math.min(b, t), Math.max(b, t));
  const head = what(facts);
  return {
    rule: 'past_target',
    ...expected,
    message: {
      zh: `${head.zh}，规划第一年就远超 ${target.year} 年目标 ${forPeople(t)}（${baseline.year} 年为 ${forPeople(b)}）。预期在 ${expected.expectedText} 左右。`,
      en: `${head.en}, far past the ${target.year} target of ${forPeople(t)} in the plan's first year (${baseline.year}: ${forPeople(b)}). Expected about ${expected.expectedText}.`,
    },
  };
}

function jump(
  facts: Facts,
  neighbour: Near | undefined,
  hasPrevious: boolean,
  target: Near | undefined,
): Implausibility | undefined {
  const { read, indicator, share } = facts;
  const anchor = neighbour ?? target;
  if (!anchor) return undefined;
  const anchors = [neighbour?.value, target?.value].filter((v): v is number => v !== undefined);
  const lo = Math.min(...anchors);
  const hi = Math.max(...anchors);
  const years = Math.min(MAX_YEARS, Math.max(1, Math.abs(read.year - anchor.year)));
  let low: number;
  let high: number;
  if (share) {
    low = Math.max(0, lo - SHARE_POINTS_PER_YEAR * years);
    high = Math.min(100, hi + SHARE_POINTS_PER_YEAR * years);
  } else {
    const factor = (compound(indicator) ? COMPOUND_PER_YEAR : LINEAR_PER_YEAR) ** years;
    low = lo > 0 ? lo / factor : Number.NEGATIVE_INFINITY;
    high = hi > 0 ? hi * factor : Number.POSITIVE_INFINITY;
    if (indicator.kind === 'count' && unitMagnitude(read.unit) === 1) {
      low -= SMALL_COUNT_SLACK;
      high += SMALL_COUNT_SLACK;
    }
    if (compound(indicator)) low = Math.max(0, low);
  }
  // The series' first value may start low: a fast catch-up after it is judged on the values that follow it.
  if (!hasPrevious) low = share || compound(indicator) ? 0 : Number.NEGATIVE_INFINITY;
  if (read.value >= low && read.value <= high) return undefined;
  if (!Number.isFinite(high) && !Number.isFinite(low)) return undefined;
  const expected = range(low, high);
  const head = what(facts);
  const from = neighbour
    ? {
        zh: `${neighbour.year} 年为 ${forPeople(neighbour.value)}`,
        en: `${neighbour.year}: ${forPeople(neighbour.value)}`,
      }
    : { zh: '尚无其他年份的数值', en: 'no other year reported' };
  const goal = target
    ? {
        zh: `，${target.year} 年目标 ${forPeople(target.value)}`,
        en: `, ${target.year} target ${forPeople(target.value)}`,
      }
    : { zh: '', en: '' };
  return {
    rule: 'jump',
    ...expected,
    message: {
      zh: `${head.zh}，与本序列相差过大（${from.zh}${goal.zh}）。预期在 ${expected.expectedText} 之间。`,
      en: `${head.en}, far from the series (${from.en}${goal.en}). Expected between ${expected.expectedText}.`,
    },
  };
}
