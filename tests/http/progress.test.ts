import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCommands } from '../../src/commands/handle.ts';
import { catchUpFully } from '../projections/catch-up-fully.ts';
import { expectedStatuses, lianyungangValues, PLAN, reportCommands } from '../projections/lianyungang.ts';
import { ADMIN_TOKEN, type HttpFixture, openHttpFixture, problemOf } from './support.ts';

/**
 * The done-when of the progress endpoints: with the seed catalog and a test import of 2011–2013 values for
 * Lianyungang, every target shows the status the worked examples predict; a revision changes that indicator's
 * status while asOf before it still shows the old one; a full rebuild answers byte for byte as before.
 */

let fixture: HttpFixture;
/** A time after the test import and before the revision. */
let beforeRevision: string;

type Row = {
  indicator: { code: string };
  part: { code: string } | null;
  targetYear: number;
  basis: string;
  status: string;
};
/** A growth-rate target (年均增长35%以上) is keyed apart from the level target of the same indicator and year. */
const keyOf = (r: Row) =>
  `${r.indicator.code}|${r.part?.code ?? ''}|${r.targetYear}${r.basis === 'annual_growth' ? '|growth' : ''}`;
// Lianyungang's targets: 37 of 附件1 and 附件2, and since issue 13 the 17 of the prose (第二章 to 第四章) and the
// 2 per-park targets of 第四章 信息产业倍增工程 (1 pillar industry, 1—2 clusters)
const TARGETS = 56;
const progressUrl = `/api/v1/plans/${PLAN}/progress`;

const get = (url: string, headers: Record<string, string> = {}) => fixture.app.request(url, { headers });
const json = async <T>(url: string): Promise<T> => {
  const response = await get(url);
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};
const statusesAt = async (url: string) =>
  Object.fromEntries((await json<{ rows: Row[] }>(url)).rows.map((r) => [keyOf(r), r.status]));

beforeAll(async () => {
  fixture = await openHttpFixture();
  const { db } = fixture.database;
  await handleCommands(db, reportCommands(lianyungangValues));
  await catchUpFully(db);
  // recorded_at is the recording transaction's start: a moment between the two commits
  await new Promise((resolve) => setTimeout(resolve, 20));
  const { rows } = await sql<{ now: Date }>`SELECT clock_timestamp() AS now`.execute(db);
  beforeRevision = new Date(rows[0]?.now ?? Date.now()).toISOString();
  await new Promise((resolve) => setTimeout(resolve, 20));
});
afterAll(() => fixture.close());

describe('GET /plans/:planId/progress', () => {
  it('shows every target of the plan with the status the worked examples predict', async () => {
    const body = await json<{ planId: string; count: number; rows: Row[] }>(progressUrl);
    expect(body.count).toBe(TARGETS);
    expect(Object.fromEntries(body.rows.map((r) => [keyOf(r), r.status]))).toEqual(expectedStatuses);
  });

  it('carries the calculation of each row, and leaves the paths to the trajectory', async () => {
    const body = await json<{ rows: Record<string, unknown>[] }>(progressUrl);
    const row = body.rows.find((r) => keyOf(r as unknown as Row) === 'cable-tv-household-penetration||2015');
    expect(row).toMatchObject({
      region: { code: '320700', name: '连云港市' },
      unit: '%',
      target: { comparator: 'gte', value: 90, year: 2015, revised: false },
      baseline: { year: 2010, value: 80, from: 'base_year' },
      latest: { year: 2013, value: 86 },
      requiredRate: 2,
      actualRate: 2,
      ratio: 1,
      status: 'on_track',
      calculation: { method: 'linear', baseYear: 2010 },
    });
    expect(row).not.toHaveProperty('requiredPath');
  });

  it('filters by region, category and status', async () => {
    const byStatus = await json<{ rows: Row[] }>(`${progressUrl}?status=regressing`);
    expect(byStatus.rows.map(keyOf).sort()).toEqual([
      'cross-department-collaboration-rate||2015',
      'software-it-services-revenue||2015',
    ]);
    const byCategory = await json<{ rows: { indicator: { category: string } }[] }>(
      `${progressUrl}?category=${encodeURIComponent('电子信息产业')}`,
    );
    // 5 of 附件1, and the prose's growth rate, four parks' output, the 10 major projects and the 2 per-park
    // targets (issue 13)
    expect(byCategory.rows.length).toBe(13);
    expect(new Set(byCategory.rows.map((r) => r.indicator.category))).toEqual(new Set(['电子信息产业']));
    expect((await json<{ count: number }>(`${progressUrl}?region=320400`)).count).toBe(0);
  });

  it('answers 304 to a current ETag, and CSV with a BOM', async () => {
    const first = await get(progressUrl);
    const etag = first.headers.get('ETag') ?? '';
    expect(etag).toMatch(/^W\//);
    expect((await get(progressUrl, { 'If-None-Match': etag })).status).toBe(304);
    expect((await get(`${progressUrl}?status=achieved`, { 'If-None-Match': etag })).status).toBe(200);

    const csv = await get(`${progressUrl}?format=csv`);
    expect(csv.headers.get('Content-Type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('planId,regionCode,regionName,category,indicatorCode')).toBe(true);
    expect(text.trim().split('\n')).toHaveLength(TARGETS + 1);
    expect(csv.headers.get('ETag')).not.toBe(etag);
  });

  it('refuses an unknown plan, status or asOf with a problem', async () => {
    const missing = await get('/api/v1/plans/no-such-plan/progress');
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).code).toBe('plan_not_found');
    const badStatus = await get(`${progressUrl}?status=great`);
    expect(badStatus.status).toBe(400);
    const badAsOf = await get(`${progressUrl}?asOf=yesterday`);
    expect(badAsOf.status).toBe(400);
    expect((await problemOf(badAsOf)).code).toBe('validation_failed');
  });
});

describe('GET /plans/:planId/scorecard', () => {
  it('counts the targets by status, per category and per region', async () => {
    const card = await json<{
      total: number;
      counts: Record<string, number>;
      byCategory: { category: string; total: number }[];
      byRegion: { region: { code: string }; total: number }[];
    }>(`/api/v1/plans/${PLAN}/scorecard`);
    expect(card.total).toBe(TARGETS);
    // The prose's 17 targets (issue 13): 16 without data, the growth of electronic manufacturing insufficient;
    // the 2 per-park targets without data
    expect(card.counts).toEqual({
      achieved: 5,
      on_track: 10,
      moderate: 6,
      insufficient: 5,
      regressing: 2,
      not_achieved: 0,
      no_data: 28,
    });
    expect(card.byRegion).toEqual([
      expect.objectContaining({ region: { code: '320700', name: '连云港市' }, total: TARGETS }),
    ]);
    expect(card.byCategory.reduce((sum, c) => sum + c.total, 0)).toBe(TARGETS);
    expect(card.byCategory.find((c) => c.category === '电子信息产业')).toMatchObject({
      total: 13,
      counts: { achieved: 1, on_track: 0, moderate: 1, insufficient: 2, regressing: 1, no_data: 8 },
    });
  });
});

describe('GET /regions/:region/indicators/:indicator/trajectory', () => {
  it('gives the actual points in the indicator’s unit and each target’s required and projected paths', async () => {
    const t = await json<{
      unit: string;
      series: { part: null; points: { year: number; value: number; stated?: unknown }[] }[];
      targets: {
        planId: string;
        status: string;
        requiredPath: { year: number; value: number }[];
        projectedPath: { year: number; value: number }[];
      }[];
    }>('/api/v1/regions/320700/indicators/social-security-cards-issued/trajectory');
    expect(t.unit).toBe('万张');
    expect(t.series[0]?.points).toEqual([
      expect.objectContaining({ year: 2010, value: 0 }),
      expect.objectContaining({ year: 2011, value: 30, stated: { value: 300000, unit: '张' } }),
      expect.objectContaining({ year: 2012, value: 90 }),
      expect.objectContaining({ year: 2013, value: 150 }),
    ]);
    const [target] = t.targets;
    expect(target?.status).toBe('on_track');
    // 0 → 250 in a straight line (a compound path cannot start at 0)
    expect(target?.requiredPath).toEqual(
      [0, 50, 100, 150, 200, 250].map((value, i) => ({ year: 2010 + i, value })),
    );
    // least squares through 0, 30, 90, 150: slope 51, 2015 at 67.5 + 51 × 3.5 = 246
    expect(target?.projectedPath.at(-1)?.year).toBe(2015);
    expect(target?.projectedPath.at(-1)?.value).toBeCloseTo(246, 9);
  });

  it('answers 404 for an unknown indicator or region', async () => {
    expect((await get('/api/v1/regions/320700/indicators/nope/trajectory')).status).toBe(404);
    expect((await get('/api/v1/regions/999999/indicators/broadband-subscribers/trajectory')).status).toBe(
      404,
    );
  });
});

describe('GET /indicators/:indicator/compare', () => {
  it('compares one indicator across regions for a year, converting units', async () => {
    const c = await json<{
      year: number;
      unit: string;
      regions: {
        region: { code: string };
        value: number | null;
        targets: { planId: string; status: string }[];
      }[];
    }>('/api/v1/indicators/social-security-cards-issued/compare?year=2010');
    expect(c.unit).toBe('万张');
    expect(c.regions.map((r) => [r.region.code, r.value, r.targets.map((t) => t.planId)])).toEqual([
      ['320000', null, ['jiangsu-12fyp']],
      ['320400', null, ['changzhou-12fyp']],
      ['320700', 0, [PLAN]],
    ]);
    const latest = await json<{ year: number }>('/api/v1/indicators/social-security-cards-issued/compare');
    expect(latest.year).toBe(2013);
  });
});

describe('a revision, as of before it, and a rebuild', () => {
  const revised = 'broadband-subscribers||2015';

  it('when a value is revised, that indicator’s status changes, and asOf before the revision shows the old one', async () => {
    expect((await statusesAt(progressUrl))[revised]).toBe('insufficient');
    const { db } = fixture.database;
    await handleCommands(
      db,
      reportCommands([['broadband-subscribers', null, 2013, 70, '万户']], '2014-06-01T09:00:00+08:00'),
    );
    await catchUpFully(db);

    const now = await statusesAt(progressUrl);
    expect(now[revised]).toBe('on_track');
    expect(now).toEqual({ ...expectedStatuses, [revised]: 'on_track' });

    const then = await statusesAt(`${progressUrl}?asOf=${encodeURIComponent(beforeRevision)}`);
    expect(then).toEqual(expectedStatuses);

    // as of before the test import, only the seeded baselines
    const seeded = await statusesAt(
      `${progressUrl}?asOf=${encodeURIComponent('2000-01-01T00:00:00Z')}`,
    ).catch((error: Error) => error.message);
    expect(seeded).toMatch(/404/);
  });

  it('marks the revised point in the trajectory, with its history', async () => {
    const t = await json<{
      series: {
        points: {
          year: number;
          value: number;
          revised: boolean;
          history: { change: string; value: number }[];
        }[];
      }[];
    }>('/api/v1/regions/320700/indicators/broadband-subscribers/trajectory');
    const point = t.series[0]?.points.find((p) => p.year === 2013);
    expect(point).toMatchObject({ value: 70, revised: true });
    expect(point?.history.map((h) => [h.change, h.value])).toEqual([
      ['reported', 45],
      ['revised', 70],
    ]);
    const before = await json<{ series: { points: { year: number; value: number; revised: boolean }[] }[] }>(
      `/api/v1/regions/320700/indicators/broadband-subscribers/trajectory?asOf=${encodeURIComponent(beforeRevision)}`,
    );
    expect(before.series[0]?.points.find((p) => p.year === 2013)).toMatchObject({
      value: 45,
      revised: false,
    });
  });

  it('the as-of answer equals the live one when asOf is now, and has an ETag of its own', async () => {
    const live = await get(progressUrl);
    const asOfNow = await get(
      `${progressUrl}?asOf=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    const strip = (body: { asOf: unknown }) => ({ ...body, asOf: null });
    expect(strip((await asOfNow.json()) as { asOf: unknown })).toEqual(
      strip((await live.json()) as { asOf: unknown }),
    );
    expect(asOfNow.headers.get('ETag')).not.toBe(live.headers.get('ETag'));
  });

  it('a full rebuild (admin) returns byte-identical responses', async () => {
    const urls = [
      progressUrl,
      `${progressUrl}?format=csv`,
      `${progressUrl}?asOf=${encodeURIComponent(beforeRevision)}`,
      `/api/v1/plans/${PLAN}/scorecard`,
      '/api/v1/plans/changzhou-12fyp/progress',
      '/api/v1/plans/jiangsu-12fyp/progress',
      '/api/v1/regions/320700/indicators/broadband-subscribers/trajectory',
      '/api/v1/regions/320700/indicators/integration-demo-pilot-enterprises/trajectory?format=csv',
      '/api/v1/indicators/broadband-subscribers/compare?year=2013',
    ];
    const capture = () =>
      Promise.all(
        urls.map(async (url) => {
          const response = await get(url);
          return {
            url,
            status: response.status,
            etag: response.headers.get('ETag'),
            body: await response.text(),
          };
        }),
      );
    const before = await capture();

    const refused = await fixture.app.request('/api/v1/projections/rebuild', { method: 'POST' });
    expect(refused.status).toBe(401);
    const rebuilt = await fixture.app.request('/api/v1/projections/rebuild', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(rebuilt.status).toBe(200);
    expect(await rebuilt.json()).toMatchObject({
      projections: ['catalog', 'progress', 'periods'],
      events: expect.any(Number),
    });
    await catchUpFully(fixture.database.db);

    const after = await capture();
    expect(after).toEqual(before);
    expect(before.every((r) => r.status === 200)).toBe(true);
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const doc = await json<{ paths: Record<string, unknown> }>('/api/v1/openapi.json');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/plans/{planId}/progress',
        '/api/v1/plans/{planId}/scorecard',
        '/api/v1/regions/{region}/indicators/{indicator}/trajectory',
        '/api/v1/indicators/{indicator}/compare',
        '/api/v1/projections/rebuild',
      ]),
    );
  });
});
