import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorView } from '../../src/projections/catalog/indicators.ts';
import { lianyungang } from '../seeds/facts/000-lianyungang.ts';
import { changzhou } from '../seeds/facts/001-changzhou.ts';
import { qingdao } from '../seeds/facts/002-qingdao.ts';
import { jiangsu2013 } from '../seeds/facts/003-jiangsu-2013.ts';
import { jiangsuKeyProjects } from '../seeds/facts/004-jiangsu-key-projects.ts';
import type { DocumentFacts, Fact } from '../seeds/facts/fact.ts';
import { type HttpFixture, openHttpFixture } from './support.ts';

/**
 * Every fact read in the five documents, checked against the catalog as a client sees it (GET /api/v1/indicators):
 * value, unit, comparator, year, region, part, tier and the citation, whose printed text is found verbatim in the
 * document. The document half needs ../shared; the API half runs without it.
 */
const documentsDir = path.resolve(import.meta.dirname, '../../../shared/plan-documents');
const haveDocuments = existsSync(documentsDir);
if (!haveDocuments) {
  console.warn(
    `tests/http/catalog-facts.test.ts: skipping the verbatim check: ${documentsDir} (../shared) is absent`,
  );
}

const documents: DocumentFacts[] = [lianyungang, changzhou, qingdao, jiangsu2013, jiangsuKeyProjects];
const planRegion: Record<string, string> = {
  'lianyungang-12fyp': '320700',
  'changzhou-12fyp': '320400',
  'qingdao-12fyp': '370200',
  'jiangsu-12fyp': '320000',
};

let fixture: HttpFixture;
let catalog: Map<string, IndicatorView>;
beforeAll(async () => {
  fixture = await openHttpFixture();
  const response = await fixture.app.request('/api/v1/indicators');
  expect(response.status).toBe(200);
  const { indicators } = (await response.json()) as { indicators: IndicatorView[] };
  catalog = new Map(indicators.map((i) => [i.code, i]));
});
afterAll(() => fixture?.close());

type Citation = Record<string, unknown>;
const cites = (source: Citation, doc: DocumentFacts, printed: string) =>
  source.document === doc.document && source.printed === printed && source.title === doc.title;

describe.each(documents)('$prefix $title', (doc) => {
  const name = (f: Fact) => `${f[0]} ${f[1]} ${f[2]} part=${f[3]} tier=${f[4]} ${f[5]} ${f[6]}: ${f[10]}`;

  it.skipIf(!haveDocuments)('prints every fact verbatim', () => {
    const text = readFileSync(path.join(documentsDir, doc.document), 'utf8');
    expect(doc.facts.filter((f) => !text.includes(f[10])).map(name)).toEqual([]);
  });

  it.each(doc.facts.map((f) => [name(f), f] as const))('%s', (_, fact) => {
    const [kind, who, code, part, tier, year, basis, comparator, value, unit, printed] = fact;
    // A range keeps both bounds; every other value has no upper bound (null over the API).
    const upper = fact[0] === 'baseline' ? undefined : (fact[11] ?? null);
    const indicator = catalog.get(code);
    expect(indicator, code).toBeDefined();
    const regionCode = kind === 'baseline' ? who : planRegion[who];
    const region = indicator?.regions.find((r) => r.regionCode === regionCode);
    expect(region, `${code} in ${regionCode}`).toBeDefined();
    if (kind === 'baseline') {
      const baseline = region?.baselines.find((b) => b.part === part && b.year === year);
      expect(baseline).toMatchObject({ comparator, value, unit });
      expect(cites(baseline?.source ?? {}, doc, printed)).toBe(true);
      return;
    }
    const target = region?.targets.find(
      (t) => t.planId === who && t.part === part && t.tier === tier && t.year === year && t.basis === basis,
    );
    expect(target).toBeDefined();
    if (!target) return;
    if (kind === 'restatement') {
      // Another place words the target with its own bound: listed among the citations with its own value,
      // while the target keeps the value its table (or the later document) states.
      const place = target.citations.find((c) => cites(c, doc, printed));
      expect(place, 'the restatement is not a citation').toBeDefined();
      expect(place?.stated).toEqual({ comparator, value, unit, ...(upper === null ? {} : { upper }) });
      expect({ comparator: target.comparator, value: target.value, upper: target.upper }).not.toEqual({
        comparator,
        value,
        upper,
      });
      return;
    }
    if (target.citations.some((c) => cites(c, doc, printed))) {
      // A current statement: the value as printed, cited here (and maybe elsewhere too)
      expect(target).toMatchObject({ comparator, value, unit, upper });
    } else {
      // A statement a later document revised: kept in the target's revisions, with its citation
      const revision = target.revisions.find((r) =>
        [r.source, ...((r.citations as unknown[]) ?? [])].some((c) =>
          cites((c ?? {}) as Citation, doc, printed),
        ),
      );
      expect(revision, 'neither a citation nor a revision').toMatchObject({ comparator, value, unit });
    }
  });
});

describe('GET /api/v1/indicators', () => {
  type Answer = { indicators: IndicatorView[] };
  const get = async (query: string) => {
    const response = await fixture.app.request(`/api/v1/indicators${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  };

  it("given region=370200&hasTarget=false, lists Qingdao's context indicators with their 2010 values", async () => {
    const { indicators } = await get('?region=370200&hasTarget=false');
    const codes = indicators.map((i) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'internet-subscribers',
        'fixed-telephone-subscribers',
        'mobile-phone-subscribers',
        'cable-tv-subscribers',
        'digital-tv-users',
        'erp-adoption-rate',
        'wifi-covered-areas',
      ]),
    );
    for (const indicator of indicators) {
      expect(indicator.hasTarget).toBe(false);
      expect(indicator.regions.map((r) => r.regionCode)).toEqual(['370200']);
      expect(indicator.regions[0]?.targets).toEqual([]);
      expect(indicator.regions[0]?.baselines.every((b) => b.year === 2010)).toBe(true);
    }
    const tv = indicators.find((i) => i.code === 'digital-tv-users');
    expect(tv?.regions[0]?.baselines).toEqual([
      expect.objectContaining({ year: 2010, comparator: 'eq', value: 217.057, unit: '万户' }),
    ]);
    // its 2012 target counts terminals: another indicator, with a target
    expect(codes).not.toContain('digital-tv-terminals');
  });

  it('given hasTarget=true and a plan, lists only indicators with a target of that plan', async () => {
    const { indicators } = await get('?plan=qingdao-12fyp&hasTarget=true');
    expect(indicators.length).toBeGreaterThan(30);
    for (const indicator of indicators) {
      expect(indicator.regions.flatMap((r) => r.targets).every((t) => t.planId === 'qingdao-12fyp')).toBe(
        true,
      );
    }
    expect(indicators.map((i) => i.code)).toContain('digital-tv-terminals');
  });

  it('given a category, lists only that category', async () => {
    const { indicators } = await get(`?category=${encodeURIComponent('信息安全')}`);
    expect(new Set(indicators.map((i) => i.category))).toEqual(new Set(['信息安全']));
    expect(indicators.map((i) => i.code)).toContain('digital-certificates-issued');
  });

  it("lists every citation of a restated target: 001's province column and 003 both state 有线电视入户率 85%", async () => {
    const { indicators } = await get('?region=320000&plan=jiangsu-12fyp');
    const cable = indicators.find((i) => i.code === 'cable-tv-household-penetration');
    const target = cable?.regions[0]?.targets.find((t) => t.year === 2015);
    expect(target).toMatchObject({ comparator: 'gte', value: 85, unit: '%' });
    expect(target?.citations.map((c) => [c.document, c.title])).toEqual([
      ['001_86a7a7d69309b317.txt', changzhou.title],
      ['003_ba4abfd5d0d1c7a7.txt', jiangsu2013.title],
    ]);
  });

  it('given ?format=csv, answers one row per baseline or target, with the title of the document', async () => {
    const response = await fixture.app.request('/api/v1/indicators?region=320700&format=csv');
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('category,indicatorCode,indicatorName,regionCode,kind')).toBe(true);
    expect(text).toContain('连云港市“十二五”信息化发展规划');
    expect(text).toContain('固定电话用户112.80万户');
  });

  it('given the ETag of the last read, answers 304; the CSV has an ETag of its own', async () => {
    const first = await fixture.app.request('/api/v1/indicators?region=320400');
    const etag = first.headers.get('ETag') as string;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await fixture.app.request('/api/v1/indicators?region=320400', {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
    const csv = await fixture.app.request('/api/v1/indicators?region=320400&format=csv');
    expect(csv.headers.get('ETag')).not.toBe(etag);
    const other = await fixture.app.request('/api/v1/indicators?region=320700');
    expect(other.headers.get('ETag')).not.toBe(etag);
  });

  it('given a bad region code, answers 400 with a problem', async () => {
    const response = await fixture.app.request('/api/v1/indicators?region=abc');
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toContain('application/problem+json');
  });
});

describe('plan detail', () => {
  it("shows the row label Lianyungang's table prints and the document's title, never only the file name", async () => {
    const response = await fixture.app.request('/api/v1/plans/lianyungang-12fyp');
    const plan = (await response.json()) as {
      indicators: { code: string; name: string; printedName: string | null; targets: Citation[] }[];
    };
    const zones = plan.indicators.find((i) => i.code === 'integration-demo-zones');
    expect(zones?.name).toBe('省级两化融合示范（试验）区');
    expect(zones?.printedName).toBe('省两化融合示范（试验）区（个）');
    expect(zones?.targets[0]).toMatchObject({
      printedName: '省两化融合示范（试验）区（个）',
      source: { title: '连云港市“十二五”信息化发展规划', section: expect.stringMatching(/^附件1 /) },
    });
    const parks = plan.indicators.find((i) => i.code === 'electronic-park-output');
    expect(parks?.printedName).toBeNull();
    expect(parks?.targets).toHaveLength(4);
  });

  it("takes a plan's printed name from its own document only: Changzhou's table quoting Jiangsu's column is Changzhou's label", async () => {
    type Detail = { indicators: { code: string; printedName: string | null; targets: Citation[] }[] };
    const read = async (planId: string) =>
      (await (await fixture.app.request(`/api/v1/plans/${planId}`)).json()) as Detail;
    const index = (plan: Detail) => plan.indicators.find((i) => i.code === 'informatization-index');
    expect(index(await read('changzhou-12fyp'))?.printedName).toBe('信息化发展水平总指数（以1为基准）');
    const jiangsu = index(await read('jiangsu-12fyp'));
    expect(jiangsu?.printedName).toBeNull();
    // the target Changzhou's table states still carries the label printed where it is stated
    expect(jiangsu?.targets[0]?.revisions).toEqual([
      expect.objectContaining({
        source: expect.objectContaining({ printedName: '信息化发展水平总指数（以1为基准）' }),
      }),
    ]);
  });
});
