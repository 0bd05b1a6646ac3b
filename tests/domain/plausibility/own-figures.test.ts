import { describe, expect, it } from 'vitest';
import { breachOfHardLimits } from '../../../src/domain/plausibility/bounds.ts';
import { judgeValue, type KnownValue } from '../../../src/domain/plausibility/implausible.ts';
import { loadSeedCatalog } from '../../../src/seeding/seed-catalog.ts';

/**
 * The rules never fire on the five plan documents' own figures: every baseline (actual) and every target they
 * state, judged as if a bureau reported it, against the other figures of its series and its plan's end target.
 */
const catalog = loadSeedCatalog();
const indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
const plans = catalog.documents.flatMap((d) => d.plans);
const actuals = catalog.documents.flatMap((d) => d.actuals);
const targets = catalog.documents.flatMap((d) => d.targets);
const key = (region: string, indicator: string, part: string | null) =>
  `${region}|${indicator}|${part ?? ''}`;

const seriesOf = new Map<string, KnownValue[]>();
for (const a of actuals) {
  const k = key(a.regionCode, a.indicatorCode, a.part);
  seriesOf.set(k, [...(seriesOf.get(k) ?? []), { year: a.year, value: a.value, unit: a.unit }]);
}
/** The plan's end target of a series (level, no tier), the last document's figure winning as in the catalog. */
const endTarget = new Map<string, KnownValue>();
for (const t of targets) {
  const plan = plans.find((p) => p.planId === t.planId);
  if (
    t.basis !== 'level' ||
    t.tier !== null ||
    plan?.regionCode !== t.regionCode ||
    t.year !== plan.period.end
  )
    continue;
  endTarget.set(key(t.regionCode, t.indicatorCode, t.part), { year: t.year, value: t.value, unit: t.unit });
}

const judge = (
  figure: {
    regionCode: string;
    indicatorCode: string;
    part: string | null;
    year: number;
    value: number;
    unit: string;
  },
  asTarget?: KnownValue,
) => {
  const indicator = indicators.get(figure.indicatorCode);
  if (!indicator) throw new Error(`no indicator ${figure.indicatorCode}`);
  const k = key(figure.regionCode, figure.indicatorCode, figure.part);
  const printed = String(figure.value);
  return {
    breach: breachOfHardLimits(indicator, figure.value, figure.unit, printed)?.code,
    implausible: judgeValue(
      indicator,
      { year: figure.year, value: figure.value, unit: figure.unit, printed },
      {
        values: (seriesOf.get(k) ?? []).filter((v) => v.year !== figure.year),
        target: asTarget ?? endTarget.get(k),
        periodStart: 2011,
      },
    )?.message.en,
  };
};

describe('the five documents’ own figures', () => {
  it('has figures to judge (the seeds are read)', () => {
    expect(catalog.documents).toHaveLength(5);
    expect(actuals.length).toBeGreaterThan(50);
    expect(targets.length).toBeGreaterThan(150);
  });

  it('judges every baseline believable and within the hard limits', () => {
    const flagged = actuals.map((a) => ({ a, ...judge(a) })).filter((r) => r.breach || r.implausible);
    expect(flagged).toEqual([]);
  });

  it('judges every level target, reported as the value of its year, believable and within the hard limits', () => {
    // A target is judged against itself as the plan's end target, not against a later document's revision of it
    // (Jiangsu's 宽带普及率 80 % of 2011, revised to 30 % in 2013).
    const endOfItsPlan = (t: (typeof targets)[number]) =>
      t.tier === null && plans.find((p) => p.planId === t.planId)?.period.end === t.year
        ? { year: t.year, value: t.value, unit: t.unit }
        : undefined;
    const flagged = targets
      .filter((t) => t.basis === 'level')
      .map((t) => ({ t, ...judge(t, endOfItsPlan(t)) }))
      .filter((r) => r.breach || r.implausible);
    expect(flagged).toEqual([]);
  });

  it('leaves out only growth-rate targets (年均增长…%), which are rates of an amount, not a level a bureau reports', () => {
    const growth = targets.filter((t) => t.basis !== 'level');
    expect(growth.every((t) => t.basis === 'annual_growth' && t.unit === '%')).toBe(true);
  });
});
