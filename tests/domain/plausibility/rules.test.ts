import { describe, expect, it } from 'vitest';
import { breachOfHardLimits, type IndicatorFacts } from '../../../src/domain/plausibility/bounds.ts';
import { judgeValue, type KnownValue } from '../../../src/domain/plausibility/implausible.ts';

const households: IndicatorFacts = { name: '家庭宽带用户数', unit: '万户', kind: 'count' };
const coverage: IndicatorFacts = { name: '农业信息服务覆盖率', unit: '%', kind: 'ratio' };
const growth: IndicatorFacts = { name: '软件业务收入年均增长率', unit: '%', kind: 'ratio' };
const revenue: IndicatorFacts = { name: '电子信息产品制造业主营业务收入', unit: '亿元', kind: 'amount' };
const index: IndicatorFacts = { name: '信息化发展水平总指数', unit: '', kind: 'index' };
const zones: IndicatorFacts = { name: '省级两化融合示范（试验）区', unit: '个', kind: 'count' };
const cards: IndicatorFacts = { name: '社会保障卡累计发卡量', unit: '万张', kind: 'count' };

describe('hard limits: a value no confirmation makes right', () => {
  it.each([
    ['a coverage rate of 185 %', coverage, 185, '%', 'share_above_100'],
    ['a coverage rate of 100.5 %', coverage, 100.5, '%', 'share_above_100'],
    ['a negative share', coverage, -1, '%', 'negative_value'],
    ['a negative count', households, -3, '万户', 'negative_value'],
    ['a negative amount', revenue, -0.5, '亿元', 'negative_value'],
    ['a count in a share’s unit', households, 40, '%', 'unit_incompatible'],
    ['a share in a count’s unit', coverage, 40, '万户', 'unit_incompatible'],
  ])('%s is refused (%s)', (_what, indicator, value, unit, code) => {
    expect(breachOfHardLimits(indicator, value, unit, String(value))?.code).toBe(code);
  });

  it.each([
    ['a coverage rate of 100 %', coverage, 100, '%'],
    ['a coverage rate of 0 %', coverage, 0, '%'],
    ['a growth rate above 100 % (the name says it is a rate of change)', growth, 135, '%'],
    ['a negative growth rate', growth, -4, '%'],
    ['a count in another magnitude of its unit', households, 3_402_000, '户'],
    ['an index above 100', index, 120, ''],
  ])('%s is within the hard limits', (_what, indicator, value, unit) => {
    expect(breachOfHardLimits(indicator, value, unit, String(value))).toBeUndefined();
  });
});

const values = (...pairs: [number, number, string?][]): KnownValue[] =>
  pairs.map(([year, value, unit]) => ({ year, value, unit: unit ?? '' }));

describe('implausible values', () => {
  it.each([
    // the three typed slips of issue 14 (the third, 185 %, is a hard limit above)
    {
      case: '3,402,000 in a 万户 row meant 340.2',
      indicator: households,
      read: { year: 2012, value: 3_402_000, unit: '万户' },
      series: values([2010, 316.21, '万户'], [2011, 330.5, '万户']),
      target: { year: 2015, value: 400, unit: '万户' },
      rule: 'unit_slip',
      expected: '340.2？',
    },
    {
      case: '0.79 for a share near 79',
      indicator: coverage,
      read: { year: 2013, value: 0.79, unit: '%' },
      series: values([2011, 72, '%'], [2012, 76.5, '%']),
      target: { year: 2015, value: 90, unit: '%' },
      rule: 'share_as_fraction',
      expected: '79？',
    },
    {
      case: 'a revenue in 元 in a 亿元 row (10^8 times)',
      indicator: revenue,
      read: { year: 2011, value: 12_000_000_000, unit: '亿元' },
      series: values([2010, 89.9, '亿元']),
      target: { year: 2015, value: 500, unit: '亿元' },
      rule: 'unit_slip',
      expected: '120？',
    },
    {
      case: 'a count in 万 where the series is in 个 (1/10^4), against history stated in another unit',
      indicator: cards,
      read: { year: 2012, value: 0.012, unit: '万张' },
      series: values([2011, 1_100_000, '张']),
      target: undefined,
      rule: 'unit_slip',
      expected: '120？',
    },
    {
      case: 'a value far past the 2015 target in the first year',
      indicator: revenue,
      read: { year: 2011, value: 1400, unit: '亿元' },
      series: values([2010, 89.9, '亿元']),
      target: { year: 2015, value: 500, unit: '亿元' },
      rule: 'past_target',
      expected: '89.9–500',
    },
    {
      case: 'a share far past its target in the first year',
      indicator: coverage,
      read: { year: 2011, value: 99, unit: '%' },
      series: values([2010, 50, '%']),
      target: { year: 2015, value: 70, unit: '%' },
      rule: 'past_target',
      expected: '50–70',
    },
    {
      case: 'a share jumping 50 points in a year',
      indicator: coverage,
      read: { year: 2013, value: 20, unit: '%' },
      series: values([2012, 70, '%']),
      target: { year: 2015, value: 90, unit: '%' },
      rule: 'jump',
      expected: '45–100',
    },
    {
      case: 'a count falling to a tenth in a year',
      indicator: households,
      read: { year: 2013, value: 5, unit: '万户' },
      series: values([2012, 60, '万户']),
      target: { year: 2015, value: 100, unit: '万户' },
      rule: 'jump',
      expected: '20–300',
    },
    {
      case: 'an index typed a hundred times too large',
      indicator: index,
      read: { year: 2012, value: 66, unit: '' },
      series: values([2010, 0.62], [2011, 0.64]),
      target: { year: 2015, value: 0.71, unit: '' },
      rule: 'jump',
      expected: '0.4267–1.065',
    },
  ])('$case: $rule, expected $expected', ({ indicator, read, series, target, rule, expected }) => {
    const found = judgeValue(
      indicator,
      { ...read, printed: String(read.value) },
      { values: series, target, periodStart: 2011 },
    );
    expect(found?.rule).toBe(rule);
    expect(found?.expectedText).toBe(expected);
    expect(found?.message.zh).toContain(String(read.value));
    expect(found?.message.en).toContain(expected);
  });

  it.each([
    {
      case: 'a steady count',
      indicator: households,
      read: { year: 2012, value: 340.2, unit: '万户' },
      series: values([2010, 316.21, '万户'], [2011, 330.5, '万户']),
      target: { year: 2015, value: 400, unit: '万户' },
    },
    {
      case: 'a count stated in 户 where the series is in 万户 (the unit says so)',
      indicator: households,
      read: { year: 2012, value: 3_402_000, unit: '户' },
      series: values([2011, 330.5, '万户']),
      target: { year: 2015, value: 400, unit: '万户' },
    },
    {
      case: 'a fast catch-up towards a far target (185 → 2,000 of 15,000 certificates)',
      indicator: { name: '数字证书累计发证数', unit: '张', kind: 'count' } satisfies IndicatorFacts,
      read: { year: 2011, value: 2000, unit: '张' },
      series: values([2010, 185, '张']),
      target: { year: 2015, value: 15_000, unit: '张' },
    },
    {
      case: 'a small count growing from 1 to 4',
      indicator: zones,
      read: { year: 2012, value: 4, unit: '个' },
      series: values([2011, 1, '个']),
      target: undefined,
    },
    {
      case: 'a first value reported from nothing (0 cards issued in 2010)',
      indicator: cards,
      read: { year: 2011, value: 50, unit: '万张' },
      series: values([2010, 0, '万张']),
      target: { year: 2015, value: 250, unit: '万张' },
    },
    {
      case: 'a share at its target a year early',
      indicator: coverage,
      read: { year: 2014, value: 90, unit: '%' },
      series: values([2013, 80, '%']),
      target: { year: 2015, value: 90, unit: '%' },
    },
    {
      case: 'a share of 0.8 % where the series is below 2 %',
      indicator: coverage,
      read: { year: 2012, value: 0.8, unit: '%' },
      series: values([2011, 0.6, '%']),
      target: { year: 2015, value: 3, unit: '%' },
    },
    {
      case: 'a value with no history and no target',
      indicator: households,
      read: { year: 2012, value: 3_402_000, unit: '万户' },
      series: [],
      target: undefined,
    },
    {
      case: 'a right value next to a confirmed slip (the slip is not a reference: 1,000 times off the median)',
      indicator: households,
      read: { year: 2013, value: 362.8, unit: '万户' },
      series: values([2010, 316.21, '万户'], [2011, 330.5, '万户'], [2012, 3_402_000, '万户']),
      target: { year: 2015, value: 400, unit: '万户' },
    },
    {
      case: 'a right share after one typed as a fraction',
      indicator: coverage,
      read: { year: 2014, value: 80, unit: '%' },
      series: values([2011, 65, '%'], [2012, 70.2, '%'], [2013, 0.79, '%']),
      target: { year: 2015, value: 90, unit: '%' },
    },
    {
      case: 'a series’ first value far below the next (a fast start is judged on the value after it)',
      indicator: { name: '数字证书累计发证数', unit: '张', kind: 'count' } satisfies IndicatorFacts,
      read: { year: 2010, value: 185, unit: '张' },
      series: values([2011, 2000, '张']),
      target: { year: 2015, value: 15_000, unit: '张' },
    },
    {
      case: 'the region’s own value of the same year (a revision) is not its own neighbour',
      indicator: households,
      read: { year: 2012, value: 345, unit: '万户' },
      series: values([2012, 3_402_000, '万户'], [2011, 330.5, '万户']),
      target: undefined,
    },
  ])('$case is plausible', ({ indicator, read, series, target }) => {
    expect(
      judgeValue(
        indicator,
        { ...read, printed: String(read.value) },
        { values: series, target, periodStart: 2011 },
      ),
    ).toBeUndefined();
  });
});
