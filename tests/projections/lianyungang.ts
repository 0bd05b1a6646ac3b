import type { ReportValue } from '../../src/domain/commands.ts';
import type { ProgressStatus } from '../../src/domain/progress/status.ts';

/**
 * A test import of 2011–2013 values for Lianyungang (320700), chosen so that the plan's targets cover every
 * status, and the status each target must get by the worked examples of tests/domain/progress. The 2010
 * baselines come from the seed catalog (附件1). Values stated in another unit than the target's are converted:
 * social security cards in 张 against a target in 万张, egress bandwidth in Mbps against one in G.
 */
export const REGION = '320700';
export const PLAN = 'lianyungang-12fyp';

type Value = [indicator: string, part: string | null, year: number, value: number, unit: string];

export const lianyungangValues: Value[] = [
  // 0.62 → >0.71 linear needs 0.018 a year; (0.674 − 0.62) / 3 = 0.018: ratio 1
  ['informatization-index', null, 2011, 0.64, ''],
  ['informatization-index', null, 2012, 0.66, ''],
  ['informatization-index', null, 2013, 0.674, ''],
  // 1 → ≥4 compound needs 4^(1/5) − 1 = 31.95 %; 2^(1/3) − 1 = 25.99 %: ratio 0.813
  ['integration-demo-zones', null, 2011, 1, '个'],
  ['integration-demo-zones', null, 2012, 2, '个'],
  ['integration-demo-zones', null, 2013, 2, '个'],
  // demo 2 → ≥10 needs 37.97 %; 3^(1/3) − 1 = 44.22 %: ratio 1.165
  ['integration-demo-pilot-enterprises', 'demo', 2013, 6, '个'],
  // pilot 9 → ≥20 needs 17.31 %; (10/9)^(1/3) − 1 = 3.57 %: ratio 0.206
  ['integration-demo-pilot-enterprises', 'pilot', 2013, 10, '个'],
  // 0 → ≥8: compound impossible from 0, linear 1.6 a year; 4 / 3 = 1.333: ratio 0.833
  ['rural-informatization-demo-bases', null, 2011, 1, '个'],
  ['rural-informatization-demo-bases', null, 2012, 2, '个'],
  ['rural-informatization-demo-bases', null, 2013, 4, '个'],
  // ＜50 → >70 needs 4 a year; (62 − 50) / 3 = 4: ratio 1
  ['enterprise-it-application-ratio', null, 2012, 58, '%'],
  ['enterprise-it-application-ratio', null, 2013, 62, '%'],
  // 92 ≥ 90
  ['rural-information-service-coverage', null, 2013, 92, '%'],
  // no baseline (—): 50 in 2011 serves; ≥80 needs 30 / 4 = 7.5 a year; (60 − 50) / 2 = 5: ratio 0.667
  ['government-core-business-informatization-coverage', null, 2011, 50, '%'],
  ['government-core-business-informatization-coverage', null, 2013, 60, '%'],
  // no baseline: 30, 29, 28 falls
  ['cross-department-collaboration-rate', null, 2011, 30, '%'],
  ['cross-department-collaboration-rate', null, 2012, 29, '%'],
  ['cross-department-collaboration-rate', null, 2013, 28, '%'],
  // 2012 target ≥100: 100 in 2012 (2013's 98 does not count); 2015 target: (98 − 85) / 3 = 4.33 against 3
  ['campus-network-coverage', null, 2011, 92, '%'],
  ['campus-network-coverage', null, 2012, 100, '%'],
  ['campus-network-coverage', null, 2013, 98, '%'],
  // one value only
  ['digital-campus-coverage', null, 2013, 30, '%'],
  // in 张 against 万张: 30, 90, 150 万张; 0 → ≥250 linear 50 a year; 150 / 3 = 50: ratio 1
  ['social-security-cards-issued', null, 2011, 300000, '张'],
  ['social-security-cards-issued', null, 2012, 900000, '张'],
  ['social-security-cards-issued', null, 2013, 1500000, '张'],
  // 190 → ≥460 G needs 19.34 %; 2012 in Mbps (250 G); (300/190)^(1/3) − 1 = 16.45 %: ratio 0.851
  ['internet-egress-bandwidth', null, 2012, 250000, 'Mbps'],
  ['internet-egress-bandwidth', null, 2013, 300, 'G'],
  // 316.21 → ≥400 needs 4.81 %; (380/316.21)^(1/3) − 1 = 6.32 %: ratio 1.31
  ['mobile-phone-subscribers', null, 2013, 380, '万户'],
  // 39.64 → ≥100 needs 20.35 %; (45/39.64)^(1/3) − 1 = 4.32 %: ratio 0.212
  ['broadband-subscribers', null, 2013, 45, '万户'],
  // urban 20 → ≥100 needs 37.97 %; 3^(1/3) − 1 = 44.22 %: ratio 1.165
  ['broadband-access-capacity', 'urban', 2013, 60, 'Mbps'],
  // town 8 → ≥50 needs 44.27 %; 2.5^(1/3) − 1 = 35.72 %: ratio 0.807
  ['broadband-access-capacity', 'town', 2013, 20, 'Mbps'],
  // 80 → ≥90 needs 2 a year; (86 − 80) / 3 = 2: ratio 1
  ['cable-tv-household-penetration', null, 2011, 82, '%'],
  ['cable-tv-household-penetration', null, 2012, 84.5, '%'],
  ['cable-tv-household-penetration', null, 2013, 86, '%'],
  // 89.9 → ≥500 needs 40.94 %; (150/89.9)^(1/3) − 1 = 18.62 %: ratio 0.455
  ['electronic-manufacturing-revenue', null, 2013, 150, '亿元'],
  // 1.2 → 1.0 falls
  ['software-it-services-revenue', null, 2013, 1.0, '亿元'],
  // 32 ≥ 30
  ['certified-software-enterprises', null, 2013, 32, '家'],
  // 46 → ≥100 needs 16.81 %; (70/46)^(1/3) − 1 = 15.02 %: ratio 0.894
  ['registered-software-products', null, 2013, 70, '项'],
  // 185 → ≥15000 needs 140.7 %; (3000/185)^(1/3) − 1 = 153.1 %: ratio 1.088
  ['digital-certificates-issued', null, 2013, 3000, '张'],
  // no baseline; 99.5 ≥ 99
  ['wireless-signal-coverage', null, 2011, 95, '%'],
  ['wireless-signal-coverage', null, 2013, 99.5, '%'],
  // no baseline: 100 in 2011 serves; ≥150 needs 1.5^(1/4) − 1 = 10.67 %; 1.1^(1/2) − 1 = 4.88 %: ratio 0.457
  ['cable-tv-subscribers', null, 2011, 100, '万户'],
  ['cable-tv-subscribers', null, 2013, 110, '万户'],
  // no baseline: 80 in 2012; ≥90 needs 10 / 3 a year; 5 a year: ratio 1.5
  ['office-automation-usage', null, 2012, 80, '%'],
  ['office-automation-usage', null, 2013, 85, '%'],
  // 3 lies in the range 3到5 (between since issue 13; ≥3 before): achieved either way
  ['industry-ecommerce-platforms', null, 2012, 1, '个'],
  ['industry-ecommerce-platforms', null, 2013, 3, '个'],
];

/** indicator, part (or ''), target year → status. */
export const expectedStatuses: Record<string, ProgressStatus> = {
  'informatization-index||2015': 'on_track',
  'integration-demo-zones||2015': 'moderate',
  'integration-demo-pilot-enterprises|demo|2015': 'on_track',
  'integration-demo-pilot-enterprises|pilot|2015': 'insufficient',
  'rural-informatization-demo-bases||2015': 'moderate',
  'enterprise-it-application-ratio||2015': 'on_track',
  'rural-information-service-coverage||2015': 'achieved',
  'government-core-business-informatization-coverage||2015': 'moderate',
  'cross-department-collaboration-rate||2015': 'regressing',
  'campus-network-coverage||2012': 'achieved',
  'campus-network-coverage||2015': 'on_track',
  'digital-campus-coverage||2015': 'no_data',
  'social-security-cards-issued||2015': 'on_track',
  'internet-egress-bandwidth||2015': 'moderate',
  'mobile-phone-subscribers||2015': 'on_track',
  'broadband-subscribers||2015': 'insufficient',
  'next-gen-mobile-network-coverage||2015': 'no_data',
  'broadband-access-capacity|urban|2015': 'on_track',
  'broadband-access-capacity|town|2015': 'moderate',
  'broadband-access-capacity|rural|2015': 'no_data',
  'cable-tv-household-penetration||2015': 'on_track',
  'electronic-manufacturing-revenue||2015': 'insufficient',
  'software-it-services-revenue||2015': 'regressing',
  'certified-software-enterprises||2015': 'achieved',
  'registered-software-products||2015': 'moderate',
  'digital-certificates-issued||2015': 'on_track',
  'enterprise-user-bandwidth||2015': 'no_data',
  'wireless-signal-coverage||2015': 'achieved',
  'cable-tv-village-coverage||2015': 'no_data',
  'cable-tv-subscribers||2015': 'insufficient',
  'gov-core-business-collaborative-systems||2015': 'no_data',
  'office-automation-usage||2015': 'on_track',
  'enterprise-intranet-rate||2015': 'no_data',
  'enterprise-internet-access-rate||2015': 'no_data',
  'information-services-revenue||2015': 'no_data',
  'industry-ecommerce-platforms||2015': 'achieved',
  'multimedia-classroom-coverage||2015': 'no_data',
  // Per park (信息产业倍增工程, issue 13's last round): 1 pillar industry, 1—2 clusters (a range); nothing reported
  'park-pillar-industries||2015': 'no_data',
  'park-featured-industry-clusters||2015': 'no_data',
  // The prose targets of 第二章 and 第三、四章 (issue 13): nothing reported for them, except the growth rate of
  // electronic manufacturing, measured with the level values above: 18.62 % a year against ≥35 %.
  'above-scale-enterprise-it-adoption||2015': 'no_data',
  'heavy-equipment-electronic-informatization-rate||2015': 'no_data',
  'consumer-goods-electronic-informatization-rate||2015': 'no_data',
  'technology-self-sufficiency-rate||2015': 'no_data',
  'emerging-industries-output||2015': 'no_data',
  'civil-servant-it-training||2015': 'no_data',
  'public-employment-info-service-coverage||2015': 'no_data',
  'social-security-card-population-coverage||2015': 'no_data',
  'one-stop-community-share||2015': 'no_data',
  'electronic-manufacturing-revenue||2015|growth': 'insufficient',
  'electronic-park-output|lyg-etdz-software|2015': 'no_data',
  'electronic-park-output|donghai-silicon|2015': 'no_data',
  'electronic-park-output|xinpu-silicon-electronics|2015': 'no_data',
  'electronic-park-output|guannan-electronics|2015': 'no_data',
  'supported-third-party-ecommerce-platforms||2015': 'no_data',
  'household-user-bandwidth||2015': 'no_data',
  'major-science-projects||2015': 'no_data',
};

const ACTOR = { kind: 'system', id: 'test-import', name: 'test import of 2011–2013 values' } as const;

/** The values as ReportValue commands, stated at `occurredAt`. */
export function reportCommands(
  values: readonly Value[],
  occurredAt = '2014-03-01T09:00:00+08:00',
): ReportValue[] {
  return values.map(([indicatorCode, part, year, value, unit]) => ({
    type: 'ReportValue',
    data: {
      regionCode: REGION,
      indicatorCode,
      part,
      year,
      comparator: 'eq',
      value,
      unit,
      source: { kind: 'api', note: 'test import' },
    },
    metadata: { actor: ACTOR, occurredAt },
  }));
}
