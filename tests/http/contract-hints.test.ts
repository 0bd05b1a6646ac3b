import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lianyungangWorkbook } from '../imports/support/lianyungang-table.ts';
import { ADMIN_TOKEN, type HttpFixture, openHttpFixture } from './support.ts';

/**
 * What a problem tells a person to do must work: the plan_required hint of an upload names the plans the
 * sheet may follow, and each of them is then accepted for that region (Shandong, 370000, was told of four
 * plans that were all refused as plans of another region).
 */

let fixture: HttpFixture;
let file: Buffer;
beforeAll(async () => {
  fixture = await openHttpFixture();
  file = Buffer.from(await lianyungangWorkbook());
});
afterAll(() => fixture.close());

async function dryRun(region: string, plan?: string) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], 'upload.xlsx'));
  form.set('region', region);
  form.set('dryRun', 'true');
  if (plan) form.set('plan', plan);
  const response = await fixture.app.request('/api/v1/imports', {
    method: 'POST',
    body: form,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  return (await response.json()) as { code?: string; message?: { zh: string; en: string } };
}

describe('the plan_required hint', () => {
  it('given each region without a plan of its own, when a sheet is uploaded without a plan, then every plan the hint names is accepted for it', async () => {
    const regions = await fixture.database.db.selectFrom('catalog_regions').select('code').execute();
    const plans = await fixture.database.db.selectFrom('catalog_plans').select('plan_id').execute();
    const required: string[] = [];
    for (const { code } of regions) {
      const problem = await dryRun(code);
      if (problem.code !== 'plan_required') continue;
      required.push(code);
      const named = plans.map((plan) => plan.plan_id).filter((id) => problem.message?.en.includes(id));
      for (const plan of named) {
        expect((await dryRun(code, plan)).code, `${code} told to use ${plan}`).not.toBe(
          'plan_not_for_region',
        );
      }
      if (code === '370000') {
        expect(named).toEqual([]);
        expect(problem.message?.en).toContain('no plan of a region above it applies');
      }
    }
    // Not vacuous: Shandong has no plan of its own (Qingdao, under it, has one).
    expect(required).toContain('370000');
  });
});
