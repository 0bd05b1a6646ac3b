import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN, REGION, workbookFor } from './support/evaluation-workbook.ts';
import { ADMIN_TOKEN, type HttpFixture, openHttpFixture } from './support.ts';

/**
 * The evaluation report: Lianyungang imports 2011–2013, then 2014–2015; the final evaluation says which targets
 * were met and which missed, by how much, in JSON, CSV and XLSX; the mid-term one (throughYear 2013) is the
 * picture the plan had before 2014 was imported.
 */

interface Target {
  indicator: { code: string; name: string };
  part: { code: string } | null;
  tier: string | null;
  targetYear: number;
  status: string;
  final: boolean;
  values: { year: number; value: number | null }[];
  completion: { progress: number | null; level: number | null; gap: number | null } | null;
  citation: { text: string; document: string | null };
}
interface EvaluationBody {
  throughYear: number;
  kind: string;
  years: number[];
  categories: { category: string; targets: Target[] }[];
  summary: {
    total: number;
    counts: Record<string, number>;
    byCategory: { total: number }[];
    mostBehind: unknown[];
  };
}

let fixture: HttpFixture;
const evaluationUrl = (query: string) => `/api/v1/plans/${PLAN}/evaluation?region=${REGION}&${query}`;

async function importYears(years: number[]) {
  const form = new FormData();
  form.set(
    'file',
    new File([new Uint8Array(await workbookFor(years))], `lianyungang-${years.join('-')}.xlsx`),
  );
  form.set('region', REGION);
  form.set('plan', PLAN);
  const response = await fixture.app.request('/api/v1/imports', {
    method: 'POST',
    body: form,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  await fixture.deps.catchUp?.();
}

async function json<T>(url: string): Promise<T> {
  const response = await fixture.app.request(url);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

const targetsOf = (e: EvaluationBody) => e.categories.flatMap((c) => c.targets);
const find = (e: EvaluationBody, code: string) => {
  const found = targetsOf(e).find(
    (t) => t.indicator.code === code && t.targetYear === 2015 && !t.part && !t.tier,
  );
  if (!found) throw new Error(`no 2015 target of ${code}`);
  return found;
};
/** What a picture says per target: its status and the values it used. */
const picture = (
  rows: {
    indicator: { code: string };
    part: { code: string } | null;
    tier: string | null;
    targetYear: number;
    basis: string;
    status: string;
  }[],
) =>
  Object.fromEntries(
    rows.map((r) => [
      `${r.indicator.code}|${r.part?.code ?? ''}|${r.tier ?? ''}|${r.targetYear}|${r.basis}`,
      r.status,
    ]),
  );

let before: {
  progress: { rows: Parameters<typeof picture>[0] };
  scorecard: { counts: Record<string, number> };
  midTerm: EvaluationBody;
};

beforeAll(async () => {
  fixture = await openHttpFixture();
  await importYears([2011, 2012, 2013]);
  // The picture the plan had before 2014 was imported
  before = {
    progress: await json(`/api/v1/plans/${PLAN}/progress?region=${REGION}`),
    scorecard: await json(`/api/v1/plans/${PLAN}/scorecard`),
    midTerm: await json(evaluationUrl('throughYear=2013')),
  };
  await importYears([2014, 2015]);
}, 120_000);
afterAll(async () => {
  await fixture?.close();
});

describe('GET /plans/:planId/evaluation (final, throughYear 2015)', () => {
  it('says which targets were met and which missed, with the completion rate of a missed one', async () => {
    const final = await json<EvaluationBody>(evaluationUrl('throughYear=2015'));
    expect(final.kind).toBe('final');
    expect(final.years).toEqual([2010, 2011, 2012, 2013, 2014, 2015]);
    for (const code of [
      'mobile-phone-subscribers',
      'internet-egress-bandwidth',
      'cable-tv-household-penetration',
    ])
      expect([code, find(final, code).status]).toEqual([code, 'achieved']);
    for (const code of [
      'broadband-subscribers',
      'electronic-manufacturing-revenue',
      'software-it-services-revenue',
    ])
      expect([code, find(final, code).status]).toEqual([code, 'not_achieved']);
    // broadband 39.64 → 46 against ≥100: (46 − 39.64) / (100 − 39.64) = 0.105367793…, 46 / 100, 54 万户 short
    const broadband = find(final, 'broadband-subscribers');
    expect(broadband.final).toBe(true);
    expect(broadband.completion?.progress).toBeCloseTo(6.36 / 60.36, 10);
    expect(broadband.completion?.level).toBeCloseTo(0.46, 10);
    expect(broadband.completion?.gap).toBeCloseTo(54, 10);
    expect(broadband.values.map((v) => v.value)).toEqual([39.64, 41, 42.5, 44, 45, 46]);
    expect(broadband.citation.text).toContain('连云港');
    // the counts add up, and the six imported targets are among them
    const counts = final.summary.counts;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(final.summary.total);
    expect(counts.achieved).toBeGreaterThanOrEqual(3);
    expect(counts.not_achieved).toBeGreaterThanOrEqual(3);
    expect(final.summary.byCategory.reduce((a, c) => a + c.total, 0)).toBe(final.summary.total);
    expect(final.summary.mostBehind[0]).toMatchObject({ status: 'not_achieved' });
    // JSON keeps full precision
    expect(find(final, 'mobile-phone-subscribers').values[4]?.value).toBe(372.416);
  });

  it('the scorecard and the evaluation count the same statuses', async () => {
    const final = await json<EvaluationBody>(evaluationUrl('throughYear=2015'));
    const progress = await json<{ rows: { status: string }[] }>(
      `/api/v1/plans/${PLAN}/progress?region=${REGION}`,
    );
    const counted: Record<string, number> = {};
    for (const row of progress.rows) counted[row.status] = (counted[row.status] ?? 0) + 1;
    expect(Object.fromEntries(Object.entries(final.summary.counts).filter(([, n]) => n > 0))).toEqual(
      counted,
    );
  });

  it('as CSV: Chinese headers, statuses in words, numbers rounded for people', async () => {
    const response = await fixture.app.request(evaluationUrl('throughYear=2015&format=csv'));
    expect(response.headers.get('Content-Type')).toContain('text/csv');
    const text = await response.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('指标');
    expect(lines[0]).toContain('完成率（实际÷目标）');
    const broadband = lines.find((l) => l.includes(',宽带用户数,') && l.includes(',2015,'));
    // 39.64 … 46 as reported; 46 ÷ 100 = 46%; 6.36 ÷ 60.36 = 10.5%; 54 万户 short
    expect(broadband).toContain('39.64,41,42.5,44,45,46,2015,≥100,46%,10.5%,54 万户,未完成');
    expect(text).not.toMatch(/\d\.\d{6,}/);
    // a range target (建设3到5个…电子商务交易平台) prints both bounds
    const platforms = lines.find((l) => l.includes('行业电子商务交易平台') && l.includes(',2015,'));
    expect(platforms).toContain(',2015,3–5,');
    const final = await json<EvaluationBody>(evaluationUrl('throughYear=2015'));
    const notAchieved = lines.filter((l) => l.includes(',未完成,')).length;
    expect(notAchieved).toBe(final.summary.counts.not_achieved);
  });

  it('as XLSX: a formatted workbook with the same statuses in words, read back with exceljs', async () => {
    const response = await fixture.app.request(evaluationUrl('throughYear=2015&format=xlsx'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('评估明细');
    if (!sheet) throw new Error('no sheet 评估明细');
    expect(String(sheet.getCell('A1').value)).toContain('终期评估');
    const headers = (sheet.getRow(3).values as unknown[]).map((v) => String(v ?? ''));
    const column = (name: string) => headers.indexOf(name);
    expect(column('状态')).toBeGreaterThan(0);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    expect(sheet.headerFooter.oddFooter).toContain('&P');
    const statuses: Record<string, number> = {};
    let broadbandRow: ExcelJS.Row | undefined;
    sheet.eachRow((row, n) => {
      if (n <= 3) return;
      const status = String(row.getCell(column('状态')).value);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (row.getCell(column('指标')).value === '宽带用户数' && row.getCell(column('目标年')).value === 2015)
        broadbandRow = row;
    });
    const final = await json<EvaluationBody>(evaluationUrl('throughYear=2015'));
    expect(statuses.未完成).toBe(final.summary.counts.not_achieved);
    expect(statuses.已实现).toBe(final.summary.counts.achieved);
    expect(broadbandRow?.getCell(column('状态')).value).toBe('未完成');
    // completion rate as a number, shown as a percentage
    const rate = broadbandRow?.getCell(column('完成率（实际÷目标）'));
    expect(rate?.value).toBe(0.46);
    expect(rate?.numFmt).toBe('0.0%');
    expect(broadbandRow?.getCell(column('2015年')).value).toBe(46);
    expect(workbook.getWorksheet('汇总')).toBeDefined();
  });

  it('as a printable page: A4 print CSS and page numbers', async () => {
    const response = await fixture.app.request(evaluationUrl('throughYear=2015&format=html'));
    expect(response.headers.get('Content-Type')).toContain('text/html');
    const page = await response.text();
    expect(page).toContain('size: A4');
    expect(page).toContain('counter(page)');
    expect(page).toContain('终期评估');
    expect(page).toContain('未完成');
  });
});

describe('throughYear 2013: the mid-term picture', () => {
  it('matches the picture before 2014 was imported', async () => {
    const midTerm = await json<EvaluationBody>(evaluationUrl('throughYear=2013'));
    expect(midTerm.kind).toBe('mid_term');
    expect(midTerm.years.at(-1)).toBe(2013);
    expect(midTerm).toEqual(before.midTerm);
    const progress = await json<typeof before.progress>(
      `/api/v1/plans/${PLAN}/progress?region=${REGION}&throughYear=2013`,
    );
    expect(picture(progress.rows)).toEqual(picture(before.progress.rows));
    const scorecard = await json<typeof before.scorecard>(`/api/v1/plans/${PLAN}/scorecard?throughYear=2013`);
    expect(scorecard.counts).toEqual(before.scorecard.counts);
    // and the 2015 picture differs: the final statuses are in
    const latest = await json<typeof before.scorecard>(`/api/v1/plans/${PLAN}/scorecard`);
    expect(latest.counts.not_achieved).toBeGreaterThan(0);
    expect(before.scorecard.counts.not_achieved).toBe(0);
  });

  it('a missed 2015 target was not final in 2013', async () => {
    const broadband = find(before.midTerm, 'broadband-subscribers');
    expect(broadband.final).toBe(false);
    expect(broadband.status).not.toBe('not_achieved');
    expect(broadband.values.map((v) => v.year)).toEqual([2010, 2011, 2012, 2013]);
  });
});

describe('a bound proves a target only when it must', () => {
  it('Changzhou, nothing reported: no target reads as achieved on its 2010 baseline (≈100 or 100)', async () => {
    // issue 16: two Changzhou targets read 已实现 on an empty database (cable TV ≈100 and online administrative
    // power 100, both against ≥100)
    const progress = await json<{
      rows: { status: string; baseline: { comparator: string } | null; latest: { year: number } | null }[];
    }>('/api/v1/plans/changzhou-12fyp/progress');
    const onlyApproxBaseline = progress.rows.filter(
      (r) => r.baseline?.comparator === 'approx' && r.latest?.year === 2010,
    );
    expect(onlyApproxBaseline.length).toBeGreaterThan(0);
    for (const row of onlyApproxBaseline) expect(row.status).toBe('no_data');
    expect(progress.rows.filter((r) => r.status === 'achieved' && r.latest?.year === 2010)).toEqual([]);
  });
});
