/**
 * Units of the plans' tables. A unit is a Chinese magnitude (万, 亿, 万亿 …) written in front of a base
 * (张, 户, 元 …): 万张 is 10^4 张, 亿元 is 10^8 元. A few bases carry a scale of their own (Mbps/Gbps, %/‰).
 * Two units convert when they share a base; the factor is always a power of ten, so conversions shift the
 * decimal point instead of multiplying (3.7 万亿元 is exactly 37000 亿元, not 37000.000000000004).
 *
 * Pure: no I/O.
 */

/** Chinese magnitudes that can stand in front of a unit, longest first so 万亿 wins over 万. */
const MAGNITUDES: readonly (readonly [prefix: string, exponent: number])[] = [
  ['万亿', 12],
  ['千亿', 11],
  ['百亿', 10],
  ['十亿', 9],
  ['千万', 7],
  ['百万', 6],
  ['十万', 5],
  ['亿', 8],
  ['万', 4],
];

/**
 * Bases with a scale of their own, keyed in normalised form (NFKC, lower case). In these tables a bare G or M is
 * bandwidth (互联网出口带宽（G）, 100M带宽), and 兆/千兆 are its Chinese names. Single letters that could mean
 * something else here (k for thousand, t for tonne) are left out.
 * A Map, not an object literal: unit text comes from spreadsheets and must never hit Object.prototype.
 */
const SCALED_BASES: ReadonlyMap<string, { base: string; exponent: number }> = new Map([
  ['bps', { base: 'bps', exponent: 0 }],
  ['kbps', { base: 'bps', exponent: 3 }],
  ['kb/s', { base: 'bps', exponent: 3 }],
  ['mbps', { base: 'bps', exponent: 6 }],
  ['m', { base: 'bps', exponent: 6 }],
  ['mb/s', { base: 'bps', exponent: 6 }],
  ['兆', { base: 'bps', exponent: 6 }],
  ['百兆', { base: 'bps', exponent: 8 }],
  ['gbps', { base: 'bps', exponent: 9 }],
  ['g', { base: 'bps', exponent: 9 }],
  ['gb/s', { base: 'bps', exponent: 9 }],
  ['千兆', { base: 'bps', exponent: 9 }],
  ['tbps', { base: 'bps', exponent: 12 }],
  ['tb/s', { base: 'bps', exponent: 12 }],
  ['%', { base: 'ratio', exponent: -2 }],
  ['‰', { base: 'ratio', exponent: -3 }],
  ['千元', { base: '元', exponent: 3 }],
  ['米', { base: '米', exponent: 0 }],
  ['千米', { base: '米', exponent: 3 }],
  ['公里', { base: '米', exponent: 3 }],
  ['km', { base: '米', exponent: 3 }],
]);

/** Plain bases seen in statistical tables (counts, money, measures); they take the magnitudes above. */
const PLAIN_BASES: ReadonlySet<string> = new Set([
  '个',
  '家',
  '项',
  '张',
  '户',
  '人',
  '元',
  '台',
  '套',
  '件',
  '部',
  '所',
  '条',
  '次',
  '人次',
  '户次',
  '座',
  '辆',
  '篇',
  '册',
  '本',
  '种',
  '只',
  '位',
  '名',
  '间',
  '处',
  '吨',
  '平方米',
  '平方公里',
  '亩',
  '公顷',
  '年',
  '月',
  '天',
  '日',
  '小时',
  '分钟',
  '秒',
  '倍',
  '分',
  '百分点',
  '个百分点',
  '千瓦时',
  '度',
  '千瓦',
  '兆瓦',
  '字节',
  'gb',
  'tb',
  'pb',
]);

/** NFKC (full-width → half-width), no whitespace, lower-case latin: Mbps, ＭＢＰＳ and mbps are one unit. */
function normaliseUnitText(unit: string): string {
  return unit.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** Splits 万张 into 10^4 and 张; a unit with no Chinese magnitude has exponent 0. */
export function splitMagnitude(unit: string): { exponent: number; core: string } {
  const text = normaliseUnitText(unit);
  const magnitude = MAGNITUDES.find(([prefix]) => text.startsWith(prefix));
  if (!magnitude) return { exponent: 0, core: text };
  return { exponent: magnitude[1], core: text.slice(magnitude[0].length) };
}

/** The base a unit counts in and its power of ten: 万张 → 张 × 10^4, Gbps → bps × 10^9. */
function parseUnit(unit: string): { base: string; exponent: number } {
  const known = parsedUnits.get(unit);
  if (known) return known;
  const { exponent, core } = splitMagnitude(unit);
  const scaled = SCALED_BASES.get(core);
  // An unknown base still converts to itself (台/百人 ↔ 台/百人, 个 ↔ 万个): equal text is the same base.
  const parsed = scaled
    ? { base: scaled.base, exponent: exponent + scaled.exponent }
    : { base: core, exponent };
  // A sheet converts the same few units for every value: each is parsed once (a catalog has a few dozen).
  if (parsedUnits.size < 10_000) parsedUnits.set(unit, parsed);
  return parsed;
}
const parsedUnits = new Map<string, { base: string; exponent: number }>();

/**
 * `value` × 10^exponent, computed on the decimal digits so 0.655 × 10^2 is 65.5 and 3.7 × 10^4 is 37000.
 * Non-finite values pass through unchanged.
 */
export function scaleByPowerOfTen(value: number, exponent: number): number {
  if (exponent === 0 || !Number.isFinite(value)) return value;
  const [mantissa = '0', power = '0'] = String(value).split('e');
  const scaled = Number(`${mantissa}e${Number(power) + exponent}`);
  return scaled === 0 ? 0 : scaled;
}

/**
 * `value` expressed in `from`, converted to `to`: 250 万张 → 2500000 张, 3.7 万亿元 → 37000 亿元, 1 G → 1000 Mbps.
 * Identical units give the value back; units of different bases (张 and 元, % and 个) give undefined.
 */
export function convertUnit(value: number, from: string, to: string): number | undefined {
  const source = parseUnit(from);
  const target = parseUnit(to);
  if (source.base !== target.base) return undefined;
  return scaleByPowerOfTen(value, source.exponent - target.exponent);
}

/** The Chinese magnitude written in front of a unit: 万张 → 10000, 亿元 → 1e8, 张 → 1, Mbps → 1. */
export function unitMagnitude(unit: string): number {
  return 10 ** splitMagnitude(unit).exponent;
}

/** A Chinese magnitude on its own (万, 亿, 万亿 …): its power of ten; anything else: undefined. */
export function magnitudeExponent(text: string): number | undefined {
  const { exponent, core } = splitMagnitude(text);
  return exponent > 0 && core === '' ? exponent : undefined;
}

/**
 * Whether text reads as a unit: a known base with an optional magnitude (个, 万张, 亿元, Mbps, G, %), a magnitude on
 * its own (万), or a rate of two units (台/百人, 元/人, 户/百户).
 */
export function isKnownUnit(text: string): boolean {
  const { exponent, core } = splitMagnitude(text);
  if (core === '') return exponent > 0;
  if (SCALED_BASES.has(core) || PLAIN_BASES.has(core)) return true;
  const sides = core.split('/');
  if (sides.length !== 2) return false;
  const [numerator = '', denominator = ''] = sides;
  // The denominator of a rate is a count of people or households, often per hundred: 台/百人.
  const perCount = denominator.replace(/^[十百千万]/u, '');
  return isKnownUnit(numerator) && perCount !== '' && isKnownUnit(perCount);
}
