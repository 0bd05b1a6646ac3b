import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convertUnit,
  isKnownUnit,
  magnitudeExponent,
  scaleByPowerOfTen,
  unitMagnitude,
} from '../../src/domain/units.ts';

describe('convertUnit', () => {
  it.each([
    // identical units
    [61.48, '%', '%', 61.48],
    [185, '张', '张', 185],
    [2, '台/百人', '台/百人', 2],
    [0.62, '', '', 0.62],
    // Chinese magnitudes of the same base
    [250, '万张', '张', 2_500_000],
    [49_000_000, '张', '万张', 4900],
    [1, '亿张', '万张', 10_000],
    [316.21, '万户', '户', 3_162_100],
    [1, '万人', '人', 10_000],
    [3.7, '万亿元', '亿元', 37_000],
    [500, '亿元', '亿元', 500],
    [1, '亿元', '万元', 10_000],
    [0.07, '亿元', '万元', 700],
    [89.9, '亿元', '元', 8_990_000_000],
    [500, '万元', '亿元', 0.05],
    [3, '千元', '元', 3000],
    [2, '万台', '台', 20_000],
    [5, '万个', '个', 50_000],
    // bandwidth
    [1, 'G', 'Mbps', 1000],
    [460, 'G', 'Gbps', 460],
    [1000, 'Mbps', 'Gbps', 1],
    [100, 'M', 'Mbps', 100],
    [1, '千兆', 'Mbps', 1000],
    [1, '万兆', 'Gbps', 10],
    [1, 'Tbps', 'G', 1000],
    // shares
    [65.5, '%', '‰', 655],
    [5, '‰', '%', 0.5],
    // typed differently
    [65.5, '％', '%', 65.5],
    [20, 'mbps', 'Mbps', 20],
    [20, 'ＭＢＰＳ', 'Mbps', 20],
    [1, ' 万张 ', '张', 10_000],
  ])('%d %s → %s is %d', (value, from, to, expected) => {
    expect(convertUnit(value, from, to)).toBe(expected);
  });

  it.each([
    ['张', '元'],
    ['%', '个'],
    ['万张', '亿元'],
    ['Mbps', '户'],
    ['', '%'],
    ['个', '家'],
    ['台/百人', '台'],
    ['constructor', 'toString'],
    ['__proto__', ''],
  ])('%s and %s do not convert', (from, to) => {
    expect(convertUnit(1, from, to)).toBeUndefined();
  });

  it('converts back and forth to the same value', () => {
    const family = ['张', '万张', '亿张', '万亿张'];
    fc.assert(
      fc.property(
        // Subnormal numbers lose digits at 10^-12 whatever the arithmetic; reports are not that small.
        fc
          .double({ min: -1e12, max: 1e12, noNaN: true })
          .filter((value) => value === 0 || Math.abs(value) > 1e-250),
        fc.constantFrom(...family),
        fc.constantFrom(...family),
        (value, from, to) => {
          const there = convertUnit(value, from, to);
          expect(there).toBeDefined();
          const back = convertUnit(there ?? Number.NaN, to, from) ?? Number.NaN;
          expect(Math.abs(back - value)).toBeLessThanOrEqual(Math.abs(value) * 1e-12);
        },
      ),
    );
  });

  it('never throws on any unit text', () => {
    fc.assert(
      fc.property(fc.double(), fc.string({ unit: 'binary' }), fc.string(), (value, from, to) => {
        const converted = convertUnit(value, from, to);
        expect(converted === undefined || typeof converted === 'number').toBe(true);
        expect(convertUnit(value, from, from) ?? Number.NaN).toBeTypeOf('number');
      }),
    );
  });
});

describe('unitMagnitude and magnitudeExponent', () => {
  it.each([
    ['万张', 1e4],
    ['亿元', 1e8],
    ['万亿元', 1e12],
    ['万户', 1e4],
    ['张', 1],
    ['%', 1],
    ['Mbps', 1],
    ['', 1],
  ])('%s has magnitude %d', (unit, magnitude) => {
    expect(unitMagnitude(unit)).toBe(magnitude);
  });

  it('knows a magnitude on its own and nothing else', () => {
    expect(magnitudeExponent('万')).toBe(4);
    expect(magnitudeExponent('亿')).toBe(8);
    expect(magnitudeExponent('万亿')).toBe(12);
    expect(magnitudeExponent('万张')).toBeUndefined();
    expect(magnitudeExponent('张')).toBeUndefined();
    expect(magnitudeExponent('')).toBeUndefined();
  });
});

describe('isKnownUnit', () => {
  it.each([
    '%',
    '‰',
    '个',
    '家',
    '项',
    '张',
    '万张',
    '户',
    '万户',
    '人',
    '万人',
    '元',
    '万元',
    '亿元',
    '万亿元',
  ])('%s is a unit', (unit) => expect(isKnownUnit(unit)).toBe(true));
  it.each(['G', 'M', 'Gbps', 'Mbps', '台/百人', '户/百户', '元/人', '万', '台'])('%s is a unit', (unit) =>
    expect(isKnownUnit(unit)).toBe(true),
  );
  it.each(['', '试点', '试验区', '服务产业园', '以1为基准', '城市', 'constructor', '/', '台/'])(
    '%s is not a unit',
    (text) => expect(isKnownUnit(text)).toBe(false),
  );
});

describe('scaleByPowerOfTen', () => {
  it('shifts the decimal point exactly', () => {
    expect(scaleByPowerOfTen(0.655, 2)).toBe(65.5);
    expect(scaleByPowerOfTen(3.7, 4)).toBe(37000);
    expect(scaleByPowerOfTen(0.07, 4)).toBe(700);
    expect(scaleByPowerOfTen(1e21, 3)).toBe(1e24);
    expect(scaleByPowerOfTen(1e-7, 2)).toBe(1e-5);
    expect(scaleByPowerOfTen(-2.5, -1)).toBe(-0.25);
    expect(scaleByPowerOfTen(-0, 3)).toBe(0);
    expect(scaleByPowerOfTen(42, 0)).toBe(42);
  });

  it('passes non-finite values through', () => {
    expect(scaleByPowerOfTen(Number.NaN, 2)).toBeNaN();
    expect(scaleByPowerOfTen(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
  });
});
