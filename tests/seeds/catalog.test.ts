import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideCatalog } from '../../src/domain/catalog/decide.ts';
import {
  catalogCommands,
  type SeedCatalog,
  SeedDocument,
  SeedIndicator,
  SeedRegion,
} from '../../src/domain/catalog/seed-files.ts';
import {
  type CatalogStreamState,
  emptyCatalogStream,
  evolveCatalog,
} from '../../src/domain/catalog/state.ts';
import type { CatalogCommand } from '../../src/domain/commands.ts';
import { type EventOf, type PlanEvent, streams } from '../../src/domain/events.ts';
import type { Comparator } from '../../src/domain/vocabulary.ts';

const seedsDir = path.resolve(import.meta.dirname, '../../seeds');
const documentsDir = path.resolve(import.meta.dirname, '../../../shared/plan-documents');

const haveDocuments = existsSync(documentsDir);
if (!haveDocuments) {
  console.warn(
    `tests/seeds/catalog.test.ts: skipping the printed-text check: ${documentsDir} (the plan documents, ../shared) is absent`,
  );
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

const regions = SeedRegion.array().parse(readJson(path.join(seedsDir, 'regions.json')));
const indicators = SeedIndicator.array().parse(readJson(path.join(seedsDir, 'indicators.json')));
const documentFiles = readdirSync(path.join(seedsDir, 'documents'))
  .filter((name) => name.endsWith('.json'))
  .sort();
const documents = documentFiles.map((name) =>
  SeedDocument.parse(readJson(path.join(seedsDir, 'documents', name))),
);
const catalog: SeedCatalog = { regions, indicators, documents };

const doc = (prefix: string): SeedDocument => {
  const found = documents.find((d) => d.document.startsWith(`${prefix}_`));
  if (!found) throw new Error(`no seed document for ${prefix}`);
  return found;
};

describe('seed files', () => {
  it('has the five documents, each parsing with the schemas', () => {
    expect(documentFiles).toEqual([
      '000-lianyungang.json',
      '001-changzhou.json',
      '002-qingdao.json',
      '003-jiangsu-2013.json',
      '004-jiangsu-key-projects.json',
    ]);
    expect(documents.map((d) => d.document)).toEqual([
      '000_7f32ec414e3c4464.txt',
      '001_86a7a7d69309b317.txt',
      '002_c6a1998c8b76ab82.txt',
      '003_ba4abfd5d0d1c7a7.txt',
      '004_b35aa56265c80658.txt',
    ]);
    expect(documents.map((d) => d.issuedOn)).toEqual([
      '2012-09-12',
      '2012-06-19',
      '2012-08-02',
      '2013-06-15',
      '2012-03-02',
    ]);
  });

  it('registers the five regions with their parents', () => {
    expect(regions.map((r) => [r.code, r.name, r.level, r.parentCode])).toEqual(
      expect.arrayContaining([
        ['320000', '江苏省', 'province', null],
        ['320400', '常州市', 'city', '320000'],
        ['320700', '连云港市', 'city', '320000'],
        ['370000', '山东省', 'province', null],
        ['370200', '青岛市', 'city', '370000'],
      ]),
    );
    expect(regions).toHaveLength(5);
  });

  it('has unique codes, and every reference resolves', () => {
    const regionCodes = new Set(regions.map((r) => r.code));
    const indicatorByCode = new Map(indicators.map((i) => [i.code, i]));
    expect(regionCodes.size).toBe(regions.length);
    expect(indicatorByCode.size).toBe(indicators.length);
    for (const r of regions) if (r.parentCode) expect(regionCodes).toContain(r.parentCode);
    for (const i of indicators) {
      expect(
        documents.map((d) => d.document),
        i.code,
      ).toContain(i.document);
      expect(new Set(i.parts.map((p) => p.code)).size, i.code).toBe(i.parts.length);
      expect(i.aliases, i.code).not.toContain(i.name);
    }

    const plans = documents.flatMap((d) => d.plans);
    const planRegion = new Map(plans.map((p) => [p.planId, p.regionCode]));
    expect(planRegion.size).toBe(plans.length);
    for (const p of plans) expect(regionCodes).toContain(p.regionCode);

    const used = new Set<string>();
    for (const d of documents) {
      for (const t of d.targets) {
        const where = `${d.document} ${t.section} ${t.indicatorCode}`;
        expect(planRegion.get(t.planId), where).toBe(t.regionCode);
        const indicator = indicatorByCode.get(t.indicatorCode);
        expect(indicator, where).toBeDefined();
        if (t.part !== null)
          expect(
            indicator?.parts.map((p) => p.code),
            where,
          ).toContain(t.part);
        used.add(t.indicatorCode);
      }
      for (const a of d.actuals) {
        const where = `${d.document} ${a.section} ${a.indicatorCode}`;
        expect(regionCodes, where).toContain(a.regionCode);
        const indicator = indicatorByCode.get(a.indicatorCode);
        expect(indicator, where).toBeDefined();
        if (a.part !== null)
          expect(
            indicator?.parts.map((p) => p.code),
            where,
          ).toContain(a.part);
        used.add(a.indicatorCode);
      }
    }
    // every indicator defined is stated somewhere
    expect([...indicatorByCode.keys()].filter((code) => !used.has(code))).toEqual([]);
  });

  it('cites each place of a document once per target (a restatement is another place, or another document)', () => {
    for (const d of documents) {
      for (const t of d.targets) {
        const places = [t, ...(t.restated ?? [])].map((c) => `${c.section}|${c.printed}`);
        expect(new Set(places).size, `${d.document} ${t.indicatorCode}`).toBe(places.length);
      }
    }
  });

  it('states each target at most once per document', () => {
    for (const d of documents) {
      const keys = d.targets.map((t) =>
        [t.planId, t.regionCode, t.indicatorCode, t.part, t.tier, t.year, t.basis].join('|'),
      );
      expect(
        keys.filter((k, i) => keys.indexOf(k) !== i),
        d.document,
      ).toEqual([]);
    }
  });

  it('declares the compound indicators with ascii part codes', () => {
    const parts = (code: string) => indicators.find((i) => i.code === code)?.parts;
    expect(parts('integration-demo-pilot-enterprises')).toEqual([
      { code: 'demo', name: '示范' },
      { code: 'pilot', name: '试点' },
    ]);
    expect(parts('broadband-access-capacity')).toEqual([
      { code: 'urban', name: '城市' },
      { code: 'town', name: '乡镇' },
      { code: 'rural', name: '农村' },
    ]);
  });

  it('publishes the four plans, jiangsu-12fyp from the key projects (004) and none from 003', () => {
    const publishedBy = Object.fromEntries(
      documents.flatMap((d) => d.plans.map((p) => [p.planId, [d.document.slice(0, 3), p.regionCode]])),
    );
    expect(publishedBy).toEqual({
      'lianyungang-12fyp': ['000', '320700'],
      'changzhou-12fyp': ['001', '320400'],
      'qingdao-12fyp': ['002', '370200'],
      'jiangsu-12fyp': ['004', '320000'],
    });
    for (const p of documents.flatMap((d) => d.plans)) expect(p.period).toEqual({ start: 2011, end: 2015 });
  });
});

describe.skipIf(!haveDocuments)('printed text', () => {
  const texts = new Map(
    haveDocuments
      ? documents.map((d) => [d.document, readFileSync(path.join(documentsDir, d.document), 'utf8')])
      : [],
  );

  it('occurs verbatim in the document for every target and actual', () => {
    const missing: string[] = [];
    for (const d of documents) {
      const text = texts.get(d.document) ?? '';
      for (const s of [...d.targets, ...d.actuals]) {
        if (!text.includes(s.printed)) missing.push(`${d.document} ${s.section}: ${s.printed}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

/** Written by hand from the documents, not from the seed files. */
type Row = [
  prefix: string,
  planOrRegion: string,
  indicatorCode: string,
  part: string | null,
  tier: string | null,
  year: number,
  comparator: Comparator,
  value: number,
  unit: string,
  basis?: 'level' | 'annual_growth',
];

const LYG = 'lianyungang-12fyp';
const CZ = 'changzhou-12fyp';
const QD = 'qingdao-12fyp';
const JS = 'jiangsu-12fyp';

const targets: Row[] = [
  // 000 Lianyungang 附件1 and 附件2
  ['000', LYG, 'informatization-index', null, null, 2015, 'gt', 0.71, ''],
  ['000', LYG, 'integration-demo-zones', null, null, 2015, 'gte', 4, '个'],
  ['000', LYG, 'integration-demo-pilot-enterprises', 'demo', null, 2015, 'gte', 10, '个'],
  ['000', LYG, 'integration-demo-pilot-enterprises', 'pilot', null, 2015, 'gte', 20, '个'],
  ['000', LYG, 'enterprise-it-application-ratio', null, null, 2015, 'gt', 70, '%'],
  ['000', LYG, 'cross-department-collaboration-rate', null, null, 2015, 'gte', 40, '%'],
  ['000', LYG, 'social-security-cards-issued', null, null, 2015, 'gte', 250, '万张'],
  ['000', LYG, 'broadband-access-capacity', 'urban', null, 2015, 'gte', 100, 'Mbps'],
  ['000', LYG, 'broadband-access-capacity', 'town', null, 2015, 'gte', 50, 'Mbps'],
  ['000', LYG, 'cable-tv-household-penetration', null, null, 2015, 'gte', 90, '%'],
  ['000', LYG, 'electronic-manufacturing-revenue', null, null, 2015, 'gte', 500, '亿元'],
  ['000', LYG, 'digital-certificates-issued', null, null, 2015, 'gte', 15000, '张'],
  ['000', LYG, 'campus-network-coverage', null, null, 2012, 'gte', 100, '%'],
  ['000', LYG, 'campus-network-coverage', null, null, 2015, 'gte', 100, '%'],
  ['000', LYG, 'cable-tv-subscribers', null, null, 2015, 'gte', 150, '万户'],
  ['000', LYG, 'enterprise-user-bandwidth', null, null, 2015, 'gte', 10, 'G'],
  // 001 Changzhou: the city's own column
  ['001', CZ, 'informatization-index', null, null, 2015, 'gt', 0.85, ''],
  ['001', CZ, 'integration-demo-zones', null, null, 2015, 'gt', 5, '个'],
  ['001', CZ, 'integration-demo-pilot-enterprises', 'demo', null, 2015, 'gte', 10, '个'],
  ['001', CZ, 'integration-demo-pilot-enterprises', 'pilot', null, 2015, 'gte', 100, '个'],
  ['001', CZ, 'rural-informatization-demo-bases', null, null, 2015, 'gt', 10, '个'],
  ['001', CZ, 'government-core-business-informatization-coverage', null, null, 2015, 'gt', 90, '%'],
  ['001', CZ, 'social-security-cards-issued', null, null, 2015, 'gte', 2_500_000, '张'],
  ['001', CZ, 'broadband-access-capacity', 'rural', null, 2015, 'gte', 12, 'Mbps'],
  ['001', CZ, 'broadband-penetration', null, null, 2015, 'gte', 90, '%'],
  ['001', CZ, 'interactive-tv-share', null, null, 2015, 'gt', 80, '%'],
  ['001', CZ, 'iot-industry-revenue', null, null, 2015, 'gt', 300, '亿元'],
  // 001 Changzhou: the province's column (省十二五规划预期目标)
  ['001', JS, 'informatization-index', null, null, 2015, 'gt', 0.83, ''],
  ['001', JS, 'integration-demo-pilot-enterprises', 'demo', null, 2015, 'gte', 100, '个'],
  ['001', JS, 'integration-demo-pilot-enterprises', 'pilot', null, 2015, 'gte', 1000, '个'],
  ['001', JS, 'government-core-business-informatization-coverage', null, 'province', 2015, 'gt', 90, '%'],
  ['001', JS, 'government-core-business-informatization-coverage', null, 'city', 2015, 'gt', 80, '%'],
  ['001', JS, 'government-core-business-informatization-coverage', null, 'county', 2015, 'gt', 70, '%'],
  ['001', JS, 'social-security-cards-issued', null, null, 2015, 'gte', 49_000_000, '张'],
  ['001', JS, 'broadband-access-capacity', 'urban', null, 2015, 'gte', 100, 'Mbps'],
  ['001', JS, 'broadband-access-capacity', 'town', null, 2015, 'gte', 20, 'Mbps'],
  ['001', JS, 'cable-tv-household-penetration', null, null, 2015, 'gte', 85, '%'],
  ['001', JS, 'electronic-manufacturing-revenue', null, null, 2015, 'gt', 40000, '亿元'],
  // 002 Qingdao
  // 用户终端数 counts terminals, the 2010 baseline (217.057万户) counts users: its own indicator since issue 13
  ['002', QD, 'digital-tv-terminals', null, null, 2012, 'gt', 240, '万台'],
  ['002', QD, 'electronic-manufacturing-revenue', null, null, 2015, 'gte', 4300, '亿元'],
  ['002', QD, 'electronic-manufacturing-revenue', null, null, 2015, 'gte', 11.5, '%', 'annual_growth'],
  ['002', QD, 'software-revenue', null, null, 2015, 'gte', 40, '%', 'annual_growth'],
  ['002', QD, 'broadband-access-capacity', 'urban', null, 2015, 'gt', 20, 'Mbps'],
  ['002', QD, 'broadband-access-capacity', 'rural', null, 2015, 'gt', 4, 'Mbps'],
  ['002', QD, 'broadband-subscribers', null, null, 2015, 'gt', 200, '万户'],
  ['002', QD, 'internet-penetration', null, null, 2015, 'gt', 75, '%'],
  ['002', QD, 'wireless-population-coverage', null, null, 2015, 'gte', 99.5, '%'],
  ['002', QD, 'ecommerce-transaction-volume', null, null, 2015, 'gte', 2000, '亿元'],
  ['002', QD, 'software-exports', null, null, 2015, 'gte', 8, '亿美元'],
  // 003 Jiangsu 2013
  ['003', JS, 'electronic-manufacturing-revenue', null, null, 2015, 'gt', 37000, '亿元'],
  ['003', JS, 'informatization-index', null, null, 2015, 'gt', 0.9, ''],
  // 宽带普及率 per head (30%), not 001's household rate (80%): its own indicator since issue 13
  ['003', JS, 'broadband-population-penetration', null, null, 2015, 'gte', 30, '%'],
  ['003', JS, 'government-core-business-informatization-coverage', null, 'county', 2015, 'gte', 70, '%'],
  ['003', JS, 'social-security-cardholders', null, null, 2015, 'gte', 4900, '万人'],
  ['003', JS, 'digital-certificates-issued', null, null, 2015, 'gt', 2_000_000, '张'],
  // 004 Jiangsu key projects
  ['004', JS, 'electronic-manufacturing-revenue', null, null, 2015, 'gt', 40000, '亿元'],
  ['004', JS, 'social-security-cards-issued', null, null, 2015, 'gte', 4000, '万张'],
  ['004', JS, 'software-it-services-revenue', null, null, 2015, 'gt', 8000, '亿元'],
  ['004', JS, 'software-it-services-revenue', null, null, 2015, 'gte', 30, '%', 'annual_growth'],
  ['004', JS, 'online-shopping-retail-share', null, null, 2015, 'gte', 15, '%'],
  ['004', JS, 'integration-demo-zones', null, null, 2015, 'gte', 50, '个'],
];

const LYG_R = '320700';
const CZ_R = '320400';
const QD_R = '370200';

const baselines: Row[] = [
  ['000', LYG_R, 'informatization-index', null, null, 2010, 'eq', 0.62, ''],
  ['000', LYG_R, 'integration-demo-pilot-enterprises', 'demo', null, 2010, 'eq', 2, '个'],
  ['000', LYG_R, 'integration-demo-pilot-enterprises', 'pilot', null, 2010, 'eq', 9, '个'],
  ['000', LYG_R, 'enterprise-it-application-ratio', null, null, 2010, 'lt', 50, '%'],
  ['000', LYG_R, 'broadband-access-capacity', 'urban', null, 2010, 'eq', 20, 'Mbps'],
  ['000', LYG_R, 'broadband-access-capacity', 'town', null, 2010, 'eq', 8, 'Mbps'],
  ['000', LYG_R, 'social-security-cards-issued', null, null, 2010, 'eq', 0, '万张'],
  ['000', LYG_R, 'mobile-phone-subscribers', null, null, 2010, 'eq', 316.21, '万户'],
  ['001', CZ_R, 'informatization-index', null, null, 2010, 'eq', 0.757, ''],
  ['001', CZ_R, 'integration-demo-zones', null, null, 2010, 'eq', 2, '个'],
  ['001', CZ_R, 'integration-demo-pilot-enterprises', 'demo', null, 2010, 'eq', 3, '个'],
  ['001', CZ_R, 'integration-demo-pilot-enterprises', 'pilot', null, 2010, 'eq', 27, '个'],
  ['001', CZ_R, 'broadband-access-capacity', null, null, 2010, 'eq', 2, 'Mbps'],
  ['001', CZ_R, 'cable-tv-household-penetration', null, null, 2010, 'approx', 100, '%'],
  ['001', CZ_R, 'cross-department-collaboration-rate', null, null, 2010, 'eq', 46.32, '%'],
  ['001', CZ_R, 'electronic-manufacturing-revenue', null, null, 2010, 'eq', 1007, '亿元'],
  ['002', QD_R, 'electronic-manufacturing-revenue', null, null, 2010, 'eq', 2556, '亿元'],
  ['002', QD_R, 'digital-tv-users', null, null, 2010, 'eq', 217.057, '万户'],
  ['002', QD_R, 'ecommerce-transaction-volume', null, null, 2010, 'gt', 600, '亿元'],
  ['002', QD_R, 'software-revenue', null, null, 2010, 'eq', 218, '亿元'],
];

describe('values, as the documents print them', () => {
  it('has enough hand-written rows across all five documents', () => {
    expect(targets.length + baselines.length).toBeGreaterThanOrEqual(40);
    expect(new Set([...targets, ...baselines].map((r) => r[0]))).toEqual(
      new Set(['000', '001', '002', '003', '004']),
    );
  });

  it.each(targets)(
    '%s %s %s part=%s tier=%s %i: %s %d %s',
    (prefix, planId, code, part, tier, year, ...rest) => {
      const [comparator, value, unit, basis = 'level'] = rest;
      const found = doc(prefix).targets.filter(
        (t) =>
          t.planId === planId &&
          t.indicatorCode === code &&
          t.part === part &&
          t.tier === tier &&
          t.year === year &&
          t.basis === basis,
      );
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ comparator, value, unit });
    },
  );

  it.each(baselines)(
    '%s %s %s part=%s %s %i: %s %d %s',
    (prefix, regionCode, code, part, _tier, year, ...rest) => {
      const [comparator, value, unit] = rest;
      const found = doc(prefix).actuals.filter(
        (a) => a.regionCode === regionCode && a.indicatorCode === code && a.part === part && a.year === year,
      );
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ comparator, value, unit });
    },
  );

  it('skips the cells printed as — or _____ (no actual) but defines their indicators', () => {
    const actualsOf = (prefix: string, code: string) =>
      doc(prefix).actuals.filter((a) => a.indicatorCode === code && a.year === 2010);
    expect(actualsOf('000', 'cross-department-collaboration-rate')).toEqual([]);
    expect(actualsOf('000', 'digital-campus-coverage')).toEqual([]);
    expect(actualsOf('001', 'social-security-cards-issued')).toEqual([]);
    expect(actualsOf('001', 'rural-informatization-demo-bases')).toEqual([]);
    expect(
      doc('001')
        .targets.filter((t) => t.indicatorCode === 'interactive-tv-share')
        .map((t) => t.planId),
    ).toEqual([CZ]);
  });
});

type Revision = EventOf<'TargetRevised'>;

function replay(
  commands: ReturnType<typeof catalogCommands>,
  states = new Map<string, CatalogStreamState>(),
) {
  const events: PlanEvent[] = [];
  const streamOf = (c: CatalogCommand): string => {
    switch (c.type) {
      case 'RegisterRegion':
        return streams.region(c.data.code);
      case 'DefineIndicator':
        return streams.indicator(c.data.code);
      case 'PublishPlan':
      case 'StateTarget':
      case 'WithdrawTarget':
        return streams.plan(c.data.planId);
    }
  };
  for (const command of commands) {
    if (command.type === 'ReportValue') continue;
    const stream = streamOf(command);
    const state = states.get(stream) ?? emptyCatalogStream();
    const decided = decideCatalog(command, state);
    states.set(stream, decided.reduce(evolveCatalog, state));
    events.push(...decided);
  }
  return { events, states };
}

describe('the catalog as commands', () => {
  const actor = { kind: 'seed' as const, id: 'seed', name: 'seed' };
  const commands = catalogCommands(catalog, actor);
  const { events, states } = replay(commands);
  const revisions = events.filter((e): e is Revision => e.type === 'TargetRevised');

  const brief = (r: Revision) => ({
    document: r.data.source.kind === 'document' ? r.data.source.document.slice(0, 3) : '?',
    indicatorCode: r.data.indicatorCode,
    tier: r.data.tier,
    previous: [r.data.previous.comparator, r.data.previous.value, r.data.previous.unit],
    previousFrom:
      r.data.previous.source.kind === 'document' ? r.data.previous.source.document.slice(0, 3) : '?',
    now: [r.data.comparator, r.data.value, r.data.unit],
  });

  it('registers every region, indicator and plan and reports every baseline', () => {
    expect(events.filter((e) => e.type === 'RegionRegistered')).toHaveLength(regions.length);
    expect(events.filter((e) => e.type === 'IndicatorDefined')).toHaveLength(indicators.length);
    expect(events.filter((e) => e.type === 'PlanPublished')).toHaveLength(4);
    expect(commands.filter((c) => c.type === 'ReportValue')).toHaveLength(
      documents.reduce((n, d) => n + d.actuals.length, 0),
    );
  });

  it('turns electronic manufacturing 4万亿 (2012) into 3.7万亿 (2013) as a revision', () => {
    const revision = revisions.find(
      (r) => r.data.indicatorCode === 'electronic-manufacturing-revenue' && r.data.planId === JS,
    );
    expect(revision?.data).toMatchObject({
      regionCode: '320000',
      year: 2015,
      basis: 'level',
      comparator: 'gt',
      value: 37000,
      unit: '亿元',
      previous: { comparator: 'gt', value: 40000, unit: '亿元' },
      source: {
        kind: 'document',
        document: '003_ba4abfd5d0d1c7a7.txt',
        printed: expect.stringContaining('超过3.7万亿元'),
      },
    });
    expect(revision?.metadata.occurredAt).toBe('2013-06-15T00:00:00+08:00');
  });

  it('yields exactly the revisions the later documents make', () => {
    expect(revisions.every((r) => r.data.planId === JS && r.data.regionCode === '320000')).toBe(true);
    expect(
      revisions.every((r) => r.data.year === 2015 && r.data.part === null && r.data.basis === 'level'),
    ).toBe(true);
    expect(revisions.map(brief)).toEqual(
      expect.arrayContaining([
        // Changzhou's appendix (001) quoting the province's targets, against the key projects (004)
        rev('001', 'integration-demo-zones', null, ['gte', 50, '个'], '004', ['gt', 50, '个']),
        rev('001', 'integration-demo-bases', null, ['gte', 50, '个'], '004', ['gt', 50, '个']),
        rev('001', 'rural-informatization-demo-bases', null, ['gte', 100, '个'], '004', ['gt', 100, '个']),
        rev('001', 'social-security-cards-issued', null, ['gte', 4000, '万张'], '004', [
          'gte',
          49_000_000,
          '张',
        ]),
        rev('001', 'community-platform-coverage', null, ['gte', 90, '%'], '004', ['gt', 90, '%']),
        // the 2013 opinions (003)
        rev('003', 'informatization-index', null, ['gt', 0.83, ''], '001', ['gt', 0.9, '']),
        rev('003', 'enterprise-it-application-ratio', null, ['gt', 60, '%'], '004', ['gte', 60, '%']),
        rev('003', 'online-shopping-retail-share', null, ['gte', 15, '%'], '004', ['gte', 10, '%']),
        rev('003', 'government-core-business-informatization-coverage', 'province', ['gt', 90, '%'], '001', [
          'gte',
          90,
          '%',
        ]),
        rev('003', 'government-core-business-informatization-coverage', 'city', ['gt', 80, '%'], '001', [
          'gte',
          80,
          '%',
        ]),
        rev('003', 'government-core-business-informatization-coverage', 'county', ['gt', 70, '%'], '001', [
          'gte',
          70,
          '%',
        ]),
        rev('003', 'ehealth-records-coverage', null, ['gt', 70, '%'], '001', ['gte', 70, '%']),
        rev('003', 'community-platform-coverage', null, ['gt', 90, '%'], '001', ['gte', 90, '%']),
        rev('003', 'electronic-manufacturing-revenue', null, ['gt', 40000, '亿元'], '004', [
          'gt',
          37000,
          '亿元',
        ]),
      ]),
    );
    expect(revisions).toHaveLength(14);
  });

  it('no longer revises a target with a figure that measures something else (issue 13)', () => {
    // 003's 宽带普及率 30% is per head of population, 001's 80% (and Changzhou's 60.22%) per household; 003's
    // 物联网和云计算产业 5500亿元 is wider than 004's 物联网产业 4000亿元. Until issue 13 both were recorded as
    // revisions (80 → 30, 4000 → 5500); each now is its own indicator, and the earlier figures stay current.
    const codes = revisions.map((r) => r.data.indicatorCode);
    expect(codes).not.toContain('broadband-penetration');
    expect(codes).not.toContain('iot-industry-revenue');
    const jiangsu = states.get(streams.plan(JS));
    expect(jiangsu?.targets.get('320000|broadband-penetration|||2015|level')).toMatchObject({ value: 80 });
    expect(jiangsu?.targets.get('320000|broadband-population-penetration|||2015|level')).toMatchObject({
      comparator: 'gte',
      value: 30,
    });
    expect(jiangsu?.targets.get('320000|iot-industry-revenue|||2015|level')).toMatchObject({ value: 4000 });
    expect(jiangsu?.targets.get('320000|iot-cloud-industry-revenue|||2015|level')).toMatchObject({
      comparator: 'gt',
      value: 5500,
    });
    // Qingdao's 2012 digital TV target counts terminals; its 2010 figure counts users.
    const qingdao = states.get(streams.plan(QD));
    expect(qingdao?.targets.get('370200|digital-tv-users|||2012|level')).toBeUndefined();
    expect(qingdao?.targets.get('370200|digital-tv-terminals|||2012|level')).toMatchObject({
      value: 240,
      unit: '万台',
    });
  });

  it('records unchanged restatements as citations (TargetRestated), never as a set or a revision, and new 2013 targets as TargetSet', () => {
    const setBy003 = events
      .filter((e): e is EventOf<'TargetSet'> => e.type === 'TargetSet')
      .filter((e) => e.data.source.kind === 'document' && e.data.source.document.startsWith('003_'))
      .map((e) => e.data.indicatorCode)
      .sort();
    expect(setBy003).toEqual(
      [
        'digital-certificates-issued',
        'disaster-recovery-coverage',
        'information-consumption-index',
        'information-resource-demo-projects',
        'integration-demo-zones-and-bases',
        'it-invention-patent-share',
        'social-security-card-population-coverage',
        'social-security-cardholders',
        'broadband-population-penetration',
        'iot-cloud-industry-revenue',
      ].sort(),
    );
    // 003 restates these unchanged: no event at all
    const touchedBy003 = new Set(
      events
        .filter((e) => e.type === 'TargetSet' || e.type === 'TargetRevised')
        .filter((e) => e.data.source.kind === 'document' && e.data.source.document.startsWith('003_'))
        .map((e) => e.data.indicatorCode),
    );
    for (const code of [
      'software-it-services-revenue',
      'enterprise-ecommerce-ratio',
      'rural-information-service-coverage',
      'cable-tv-household-penetration',
      'integration-demo-pilot-enterprises',
      'education-informatization-compliance',
      'village-fiber-broadband-reach',
    ]) {
      expect(touchedBy003.has(code), code).toBe(false);
    }
    const restatedBy003 = new Set(
      events
        .filter((e): e is EventOf<'TargetRestated'> => e.type === 'TargetRestated')
        .filter((e) => e.data.source.kind === 'document' && e.data.source.document.startsWith('003_'))
        .map((e) => e.data.indicatorCode),
    );
    expect([...restatedBy003]).toEqual(
      expect.arrayContaining([
        'software-it-services-revenue',
        'enterprise-ecommerce-ratio',
        'rural-information-service-coverage',
        'cable-tv-household-penetration',
        'integration-demo-pilot-enterprises',
        'education-informatization-compliance',
        'village-fiber-broadband-reach',
      ]),
    );
  });

  it("keeps every citation of a restated target: 001's province column and 003 both state 有线电视入户率 85%", () => {
    const jiangsu = states.get(streams.plan(JS));
    const cable = jiangsu?.targets.get('320000|cable-tv-household-penetration|||2015|level');
    expect(cable).toMatchObject({ comparator: 'gte', value: 85 });
    expect(cable?.citations.map((c) => (c.kind === 'document' ? c.document.slice(0, 3) : c.kind))).toEqual([
      '001',
      '003',
    ]);
  });

  it('ends with the revised values in the plan stream', () => {
    const jiangsu = states.get(streams.plan(JS));
    expect(jiangsu?.targets.get('320000|electronic-manufacturing-revenue|||2015|level')).toMatchObject({
      comparator: 'gt',
      value: 37000,
      unit: '亿元',
    });
    expect(jiangsu?.targets.get('320000|software-it-services-revenue|||2015|level')).toMatchObject({
      comparator: 'gt',
      value: 8000,
    });
  });

  it('corrects a log seeded before the split: the wrong revisions are revised back, once, and nothing else changes', () => {
    // The catalog as an earlier seed stated it: 003's per-head broadband rate and IoT+cloud revenue under the
    // household rate's and the IoT figure's codes, and no corrections.
    const renamed: Record<string, string> = {
      'broadband-population-penetration': 'broadband-penetration',
      'iot-cloud-industry-revenue': 'iot-industry-revenue',
    };
    const before: SeedCatalog = {
      ...catalog,
      documents: documents.map(({ corrections: _, ...d }) => ({
        ...d,
        targets: d.targets.map((t) => ({ ...t, indicatorCode: renamed[t.indicatorCode] ?? t.indicatorCode })),
      })),
    };
    // (replay folds into the states it is given)
    const old = replay(catalogCommands(before, actor));
    const jiangsu = () => old.states.get(streams.plan(JS));
    expect(jiangsu()?.targets.get('320000|broadband-penetration|||2015|level')).toMatchObject({ value: 30 });
    expect(jiangsu()?.targets.get('320000|iot-industry-revenue|||2015|level')).toMatchObject({ value: 5500 });

    const corrected = replay(commands, old.states).events;
    const corrections = corrected.filter((e): e is Revision => e.type === 'TargetRevised');
    expect(
      corrections.map((r) => [r.data.indicatorCode, r.data.previous.value, r.data.value]).sort(),
    ).toEqual([
      ['broadband-penetration', 30, 80],
      ['iot-industry-revenue', 5500, 4000],
    ]);
    for (const r of corrections) {
      expect(r.metadata.occurredAt).toBe('2026-12-06T00:00:00+08:00');
      expect(r.data.source).toMatchObject({
        kind: 'document',
        note: expect.stringContaining('Correction (issue 13)'),
      });
    }
    // the new indicators are set
    expect(
      corrected
        .filter((e) => e.type === 'TargetSet')
        .map((e) => (e as EventOf<'TargetSet'>).data.indicatorCode),
    ).toEqual(expect.arrayContaining(['broadband-population-penetration', 'iot-cloud-industry-revenue']));
    expect(jiangsu()?.targets.get('320000|broadband-penetration|||2015|level')).toMatchObject({ value: 80 });
    expect(jiangsu()?.targets.get('320000|iot-industry-revenue|||2015|level')).toMatchObject({ value: 4000 });
    // a second run appends nothing
    expect(replay(commands, old.states).events).toEqual([]);
  });

  it('is idempotent: stating the whole catalog again yields no event (older statements never revert newer ones)', () => {
    expect(replay(commands, states).events).toEqual([]);
  });
});

function rev(
  document: string,
  indicatorCode: string,
  tier: string | null,
  previous: [Comparator, number, string],
  previousFrom: string,
  now: [Comparator, number, string],
) {
  return { document, indicatorCode, tier, previous, previousFrom, now };
}
