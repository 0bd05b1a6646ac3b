import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type HttpFixture, jsonRequest, openHttpFixture } from './support.ts';

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture();
});
afterAll(() => fixture.close());

type PlanPage = { plans: { planId: string; counts: { targets: number } }[]; nextCursor: string | null };

describe('plan reads carry the catalog position as an ETag', () => {
  it('given the ETag of the last read, when nothing happened since, then 304 without a body', async () => {
    const first = await fixture.app.request('/api/v1/plans');
    expect(first.status).toBe(200);
    const etag = first.headers.get('ETag');
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('Cache-Control')).toBe('no-cache');

    const again = await fixture.app.request('/api/v1/plans', {
      headers: { 'If-None-Match': etag as string },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('ETag')).toBe(etag);
    expect(await again.text()).toBe('');
  });

  it('given a new event projected, when read with the old ETag, then 200 with a new ETag', async () => {
    const before = await fixture.app.request('/api/v1/plans/lianyungang-12fyp');
    const etag = before.headers.get('ETag') as string;
    const write = await fixture.app.request(
      '/api/v1/regions/320700/indicators/enterprise-ecommerce-ratio/values',
      jsonRequest('POST', { year: 2013, value: 44 }, ADMIN_TOKEN),
    );
    expect(write.status).toBe(201);
    const after = await fixture.app.request('/api/v1/plans/lianyungang-12fyp', {
      headers: { 'If-None-Match': etag },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(etag);
  });

  it('given two plans, then their ETags differ', async () => {
    const a = await fixture.app.request('/api/v1/plans/lianyungang-12fyp');
    const b = await fixture.app.request('/api/v1/plans/changzhou-12fyp');
    expect(a.headers.get('ETag')).not.toBe(b.headers.get('ETag'));
  });
});

describe('CSV for Excel', () => {
  it('given ?format=csv or Accept: text/csv, then UTF-8 CSV with a BOM, one row per plan, its own ETag', async () => {
    const json = await fixture.app.request('/api/v1/plans');
    const { plans } = (await json.json()) as PlanPage;
    for (const init of [{}, { headers: { Accept: 'text/csv' } }]) {
      const url = 'headers' in init ? '/api/v1/plans' : '/api/v1/plans?format=csv';
      const response = await fixture.app.request(url, init);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="plans.csv"');
      expect(response.headers.get('ETag')).not.toBe(json.headers.get('ETag'));
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder()
        .decode(bytes)
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(lines[0]).toBe(
        'planId,title,issuer,issuedOn,periodStart,periodEnd,regionCode,regionName,indicators,targets,revisedTargets,documents',
      );
      expect(lines).toHaveLength(plans.length + 1);
      expect(lines.find((line) => line.startsWith('lianyungang-12fyp'))).toContain('连云港市');
    }
  });

  it('given a plan as CSV, then one row per target with its citation', async () => {
    const { plans } = (await (await fixture.app.request('/api/v1/plans')).json()) as PlanPage;
    const lianyungang = plans.find((plan) => plan.planId === 'lianyungang-12fyp');
    const response = await fixture.app.request('/api/v1/plans/lianyungang-12fyp?format=csv');
    const text = (await response.text()).replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'planId,category,indicatorCode,indicatorName,regionCode,part,tier,year,basis,comparator,value,upper,unit,printed,document,section,revisions,printedName,title,citations',
    );
    expect(lines.length - 1).toBe(lianyungang?.counts.targets);
    expect(lines.some((line) => line.includes('informatization-index') && line.includes('＞0.71'))).toBe(
      true,
    );
  });

  it('given a format we do not offer, then 400 validation_failed on format', async () => {
    const response = await fixture.app.request('/api/v1/plans?format=xml');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed', field: 'format', in: 'query' });
  });
});

describe('the plan list a page at a time', () => {
  it('given limit 2, then the cursor walks every plan once in planId order', async () => {
    const all = ((await (await fixture.app.request('/api/v1/plans')).json()) as PlanPage).plans.map(
      (plan) => plan.planId,
    );
    expect(all.length).toBeGreaterThan(2);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = (await (await fixture.app.request(`/api/v1/plans${query}`)).json()) as PlanPage;
      expect(page.plans.length).toBeLessThanOrEqual(2);
      seen.push(...page.plans.map((plan) => plan.planId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });
});
