import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanUploadReport } from '../../src/plan-uploads/upload-plan.ts';
import { fillTemplate } from '../plan-uploads/fill-template.ts';
import { type PrintedRow, printedTable, REGION, ROWS, TITLE } from '../plan-uploads/support/printed-table.ts';
import { testEngine } from '../support/database.ts';
import {
  ADMIN_TOKEN,
  catchUpToEnd,
  type HttpFixture,
  issueToken,
  openHttpFixture,
  problemOf,
} from './support.ts';

const PLAN = 'r420100-14fyp';

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture();
}, 120_000);
afterAll(async () => {
  await fixture?.close();
});

function uploadPlan(file: Buffer, fields: Record<string, string>, token: string | null = ADMIN_TOKEN) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], fields.name ?? 'wuhan-14fyp.xlsx'));
  for (const [name, value] of Object.entries(fields)) if (name !== 'name') form.set(name, value);
  return fixture.app.request('/api/v1/plans', {
    method: 'POST',
    body: form,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

const NEW_PLAN = {
  region: REGION,
  title: TITLE,
  issuer: '武汉市人民政府',
  issuedOn: '2021-09-30',
  periodStart: '2021',
  periodEnd: '2025',
};

const eventCount = async () =>
  Number(
    (await sql<{ n: number }>`SELECT count(*) AS n FROM events`.execute(fixture.database.db)).rows[0]?.n,
  );

const rowOf = (report: PlanUploadReport, printedName: string) => {
  const row = report.rows.find((r) => r.indicator.printedName === printedName);
  if (!row) throw new Error(`no draft row ${printedName}`);
  return row;
};

describe(`a 14th Five-Year plan added from its printed indicator table (${testEngine})`, () => {
  it('given a table printed with merged categories, full-width signs, a compound and a tier cell, when dry-run, then the draft shows every inferred property and nothing is written', async () => {
    // given
    const before = await eventCount();
    // when
    const response = await uploadPlan(await printedTable(), { ...NEW_PLAN, dryRun: 'true' });
    // then
    expect(response.status).toBe(200);
    const draft = (await response.json()) as PlanUploadReport;
    expect(draft.status).toBe('draft');
    expect(draft.problems).toEqual([]);
    expect(draft.plan).toMatchObject({ planId: PLAN, period: { start: 2021, end: 2025 }, baseYear: 2020 });
    expect(draft.region).toMatchObject({ code: REGION, name: '武汉市', level: 'city', known: false });
    expect(draft.rows).toHaveLength(ROWS.length);

    const broadband = rowOf(draft, '固定宽带家庭普及率（%）');
    expect(broadband.indicator).toMatchObject({
      name: '固定宽带家庭普及率',
      category: '数字基础设施',
      unit: '%',
      kind: { value: 'ratio', from: 'unit' },
      direction: { value: 'increase' },
      growth: { value: 'linear' },
      match: { kind: 'new' },
    });
    expect(broadband.targets).toEqual([
      expect.objectContaining({
        year: 2025,
        comparator: 'gt',
        value: 95,
        cite: expect.objectContaining({ cell: 'D3', printed: '＞95' }),
      }),
    ]);
    expect(broadband.baselines).toEqual([
      expect.objectContaining({ year: 2020, comparator: 'eq', value: 90 }),
    ]);

    // ＜1.3: lower is better, read from the target's sign.
    expect(rowOf(draft, '数据中心平均电能使用效率（PUE）').indicator.direction).toEqual({
      value: 'decrease',
      from: 'comparator',
    });
    // Counts grow by a rate.
    expect(rowOf(draft, '5G基站数（万个）').indicator).toMatchObject({
      kind: { value: 'count' },
      growth: { value: 'compound' },
    });
    // A row the catalog knows keeps its shared code.
    expect(rowOf(draft, '移动电话用户（万户）').indicator).toMatchObject({
      code: 'mobile-phone-subscribers',
      // Printed as one of the shared indicator's other names: a little less sure than its own name.
      match: { kind: 'existing', via: 'name', confidence: 0.9 },
    });
    const compound = rowOf(draft, '城乡宽带接入能力（Mbps）');
    expect(compound.targets.map((t) => [t.part, t.value])).toEqual([
      ['urban', 10000],
      ['rural', 1000],
    ]);
    expect(
      rowOf(draft, '政务服务事项网上可办率（%）').targets.map((t) => [t.tier, t.comparator, t.value]),
    ).toEqual([
      ['province', 'gt', 98],
      ['city', 'gt', 95],
      ['county', 'gt', 90],
    ]);
    expect(rowOf(draft, '软件和信息技术服务业业务收入（亿元）').targets).toEqual([
      expect.objectContaining({ basis: 'annual_growth', value: 15, unit: '%' }),
    ]);
    expect(await eventCount()).toBe(before);
    expect((await fixture.app.request(`/api/v1/plans/${PLAN}`)).status).toBe(404);
  });

  it('given a reporter, when it uploads a plan, then it is refused before the table is read', async () => {
    const reporter = await issueToken(fixture.app, {
      name: '连云港报送',
      role: 'reporter',
      regions: ['320700'],
    });
    const response = await uploadPlan(await printedTable(), NEW_PLAN, reporter.secret);
    expect(response.status).toBe(403);
    expect((await problemOf(response)).code).toBe('role_forbidden');
  });

  it('given the draft, when published, then the plan, its template, an import of 2021–2023 with it and its progress all work', async () => {
    // when
    const published = await uploadPlan(await printedTable(), NEW_PLAN);
    // then
    expect(published.status, await published.clone().text()).toBe(201);
    const report = (await published.json()) as PlanUploadReport;
    expect(report.status).toBe('published');
    expect(report.counts.events).toBeGreaterThan(0);
    await catchUpToEnd(fixture.database.db);

    const plan = (await (await fixture.app.request(`/api/v1/plans/${PLAN}`)).json()) as {
      title: string;
      period: { start: number; end: number };
      indicators: { code: string; targets: { value: number; source: Record<string, unknown> }[] }[];
    };
    expect(plan).toMatchObject({ title: TITLE, period: { start: 2021, end: 2025 } });
    const mobile = plan.indicators.find((i) => i.code === 'mobile-phone-subscribers');
    expect(mobile?.targets[0]).toMatchObject({
      value: 1800,
      source: { kind: 'workbook', file: 'wuhan-14fyp.xlsx', cell: 'D8', printed: '1800' },
    });

    const template = await fixture.app.request(`/api/v1/plans/${PLAN}/template`);
    expect(template.status).toBe(200);
    // Saved under the plan's Chinese title (RFC 6266), the plan id for clients that only read filename.
    expect(template.headers.get('Content-Disposition')).toBe(
      `attachment; filename="${PLAN}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${TITLE}填报模板.xlsx`)}`,
    );
    const filled = await fillTemplate(Buffer.from(await template.arrayBuffer()), {
      'mobile-phone-subscribers': { 2021: 1560, 2022: 1620, 2023: 1690 },
      [`${PLAN}-01`]: { 2021: 91.5, 2022: 92.8, 2023: 93.6 },
      [`${PLAN}-02`]: { 2021: 2.1, 2022: 3.0, 2023: 3.8 },
    });
    const form = new FormData();
    form.set('file', new File([new Uint8Array(filled)], 'wuhan-2023.xlsx'));
    form.set('region', REGION);
    form.set('plan', PLAN);
    const imported = await fixture.app.request('/api/v1/imports', {
      method: 'POST',
      body: form,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(imported.status, await imported.clone().text()).toBe(201);
    expect(((await imported.json()) as { counts: { new: number } }).counts.new).toBe(9);
    await catchUpToEnd(fixture.database.db);

    const progress = (await (
      await fixture.app.request(`/api/v1/plans/${PLAN}/progress?region=${REGION}`)
    ).json()) as {
      rows: { indicator: { code: string }; latest: { year: number; value: number } | null; status: string }[];
    };
    const mobileRow = progress.rows.find((row) => row.indicator.code === 'mobile-phone-subscribers');
    expect(mobileRow?.latest).toMatchObject({ year: 2023, value: 1690 });
    expect(mobileRow?.status).not.toBe('no_data');
  }, 60_000);

  it('given the published plan, when a later table changes two targets, then both are revisions citing the new table, and the same table again is a duplicate', async () => {
    // given
    const revised: PrintedRow[] = ROWS.map((row) =>
      row.name === '5G基站数（万个）'
        ? { ...row, target: 6 }
        : row.name === '移动电话用户（万户）'
          ? { ...row, target: 1900 }
          : row,
    );
    const table = await printedTable(revised);
    // when
    const response = await uploadPlan(table, { region: REGION, plan: PLAN, name: 'wuhan-14fyp-2023.xlsx' });
    // then
    expect(response.status, await response.clone().text()).toBe(201);
    const report = (await response.json()) as PlanUploadReport;
    expect(report.counts.revisedTargets).toBe(2);
    await catchUpToEnd(fixture.database.db);
    const plan = (await (await fixture.app.request(`/api/v1/plans/${PLAN}`)).json()) as {
      indicators: {
        code: string;
        targets: {
          value: number;
          source: { file?: string };
          revisions: { value: number; source: { file?: string } }[];
        }[];
      }[];
    };
    const mobile = plan.indicators.find((i) => i.code === 'mobile-phone-subscribers')?.targets[0];
    expect(mobile).toMatchObject({ value: 1900, source: { file: 'wuhan-14fyp-2023.xlsx' } });
    expect(mobile?.revisions).toEqual([
      expect.objectContaining({ value: 1800, source: expect.objectContaining({ file: 'wuhan-14fyp.xlsx' }) }),
    ]);
    const fiveG = plan.indicators.find((i) => i.code === `${PLAN}-02`)?.targets[0];
    expect(fiveG).toMatchObject({ value: 6, revisions: [expect.objectContaining({ value: 5 })] });

    // when the same table comes again
    const before = await eventCount();
    const again = await uploadPlan(table, { region: REGION, plan: PLAN, name: 'wuhan-14fyp-2023.xlsx' });
    // then
    expect(again.status).toBe(200);
    expect(((await again.json()) as PlanUploadReport).status).toBe('duplicate');
    expect(await eventCount()).toBe(before);
  }, 60_000);

  it('given a malformed table, when uploaded, then it is refused with every problem at its cell and nothing is written', async () => {
    // given: a target that is no value, and a row with values but no name
    const broken: PrintedRow[] = [
      { category: '一、数字基础设施', name: '千兆光网覆盖率（%）', baseline: 30, target: '大幅提高' },
      { category: '一、数字基础设施', name: '', baseline: 3, target: 9 },
    ];
    const before = await eventCount();
    // when
    const response = await uploadPlan(await printedTable(broken), {
      ...NEW_PLAN,
      region: '420200',
      title: '黄石市“十四五”信息化发展规划',
    });
    // then
    expect(response.status).toBe(422);
    const report = (await response.json()) as PlanUploadReport;
    expect(report.status).toBe('rejected');
    expect(report.problems.map((p) => [p.severity, p.cell])).toEqual(
      expect.arrayContaining([
        ['error', '附件!D3'],
        ['error', '附件!C4'],
      ]),
    );
    for (const problem of report.problems) expect(problem.message.zh && problem.message.en).toBeTruthy();
    expect(await eventCount()).toBe(before);
    expect((await fixture.app.request('/api/v1/plans/r420200-14fyp')).status).toBe(404);
  });

  it('given a new plan without its period, when uploaded, then a problem names the field', async () => {
    const { periodEnd: _, ...withoutEnd } = NEW_PLAN;
    const response = await uploadPlan(await printedTable(), { ...withoutEnd, region: '420300' });
    expect(response.status).toBe(422);
    expect(await problemOf(response)).toMatchObject({ code: 'plan_field_required', field: 'periodEnd' });
  });
});
