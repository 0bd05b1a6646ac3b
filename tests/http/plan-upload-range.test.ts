import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanUploadReport } from '../../src/plan-uploads/upload-plan.ts';
import { printedTable, REGION, ROWS, TITLE } from '../plan-uploads/support/printed-table.ts';
import { testEngine } from '../support/database.ts';
import { ADMIN_TOKEN, catchUpToEnd, type HttpFixture, openHttpFixture } from './support.ts';

/** A plan table printing a range target (3到5) keeps both bounds from the draft to the published catalog. */

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture();
}, 120_000);
afterAll(async () => {
  await fixture?.close();
});

const RANGE_ROW = { category: '一、数字基础设施', name: '区级数据中心（个）', baseline: 1, target: '3到5' };

function uploadPlan(file: Buffer, dryRun: boolean) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], 'wuhan-14fyp.xlsx'));
  const fields = {
    region: REGION,
    title: TITLE,
    issuer: '武汉市人民政府',
    issuedOn: '2021-09-30',
    periodStart: '2021',
    periodEnd: '2025',
    dryRun: String(dryRun),
  };
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return fixture.app.request('/api/v1/plans', {
    method: 'POST',
    body: form,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
}

describe(`a plan table with a range target (${testEngine})`, () => {
  it('given a row printing 3到5, when drafted, then its target is between 3 and 5; when published, then the catalog keeps both bounds', async () => {
    const table = await printedTable([...ROWS.slice(0, 2), RANGE_ROW, ...ROWS.slice(2)]);
    const dry = await uploadPlan(table, true);
    expect(dry.status, await dry.clone().text()).toBe(200);
    const draft = (await dry.json()) as PlanUploadReport;
    expect(draft.problems).toEqual([]);
    const row = draft.rows.find((r) => r.indicator.printedName === RANGE_ROW.name);
    expect(row?.targets).toEqual([
      expect.objectContaining({ comparator: 'between', value: 3, upper: 5, year: 2025 }),
    ]);

    const published = await uploadPlan(table, false);
    expect(published.status, await published.clone().text()).toBe(201);
    await catchUpToEnd(fixture.database.db);
    const plan = (await (await fixture.app.request(`/api/v1/plans/${draft.plan?.planId}`)).json()) as {
      indicators: { code: string; targets: { comparator: string; value: number; upper: number | null }[] }[];
    };
    const code = row?.indicator.code;
    expect(plan.indicators.find((i) => i.code === code)?.targets).toEqual([
      expect.objectContaining({ comparator: 'between', value: 3, upper: 5 }),
    ]);
    // every other target has no upper bound
    const others = plan.indicators.filter((i) => i.code !== code).flatMap((i) => i.targets);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((t) => t.upper === null)).toBe(true);
  });
});
