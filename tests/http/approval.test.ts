import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/imports/report.ts';
import { projections } from '../../src/projections/index.ts';
import { rebuildProjections } from '../../src/projections/rebuild.ts';
import { filledWorkbook, PLAN, plausibleRows, REGION } from '../dashboard/filled-workbook.ts';
import {
  ADMIN_TOKEN,
  bearer,
  catchUpToEnd,
  type HttpFixture,
  jsonRequest,
  openHttpFixture,
  problemOf,
} from './support.ts';

/**
 * The approval story of issue 15, through the HTTP API: 王芳 reports 连云港's 2011 and submits it; 常州's
 * approver may not approve it, Jiangsu's may; the year is then locked against uploads and single writes until
 * Jiangsu's approver reopens it with a reason, and the correction made then points at that reopen.
 */

let fixture: HttpFixture;
const sessions: Record<string, string> = {};
const PEOPLE = [
  { login: 'wangfang', name: '王芳', role: 'reporter', regions: ['320700'] },
  { login: 'zhoulei', name: '周磊', role: 'approver', regions: ['320400'] },
  { login: 'zhaomin', name: '赵敏', role: 'approver', regions: ['320000'] },
] as const;

beforeAll(async () => {
  fixture = await openHttpFixture();
  for (const person of PEOPLE) {
    const created = await fixture.app.request(
      '/api/v1/users',
      jsonRequest('POST', { ...person, password: `${person.login}-password` }, ADMIN_TOKEN),
    );
    if (created.status !== 201) throw new Error(await created.text());
    const signedIn = await fixture.app.request(
      '/api/v1/sessions',
      jsonRequest('POST', { login: person.login, password: `${person.login}-password` }),
    );
    sessions[person.login] = ((await signedIn.json()) as { token: string }).token;
  }
});
afterAll(() => fixture.close());

const as = (login: string) => sessions[login] as string;

function upload(file: Buffer, login: string) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], '连云港2011-2014.xlsx'));
  form.set('region', REGION);
  return fixture.app.request('/api/v1/imports', { method: 'POST', body: form, ...bearer(as(login)) });
}

const move = (action: 'submit' | 'approve' | 'reopen', login: string, year = 2011, body?: unknown) =>
  fixture.app.request(
    `/api/v1/plans/${PLAN}/regions/${REGION}/years/${year}/${action}`,
    body === undefined ? { method: 'POST', ...bearer(as(login)) } : jsonRequest('POST', body, as(login)),
  );

const eventCount = async () =>
  Number(
    (
      await fixture.database.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const importCount = async () =>
  Number(
    (
      await fixture.database.db
        .selectFrom('imports')
        .where('status', '=', 'imported')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

interface Row {
  indicator: { code: string };
  latest: { year: number; value: number } | null;
  status: string;
}

/** The latest year progress counts for 连云港's broadband subscribers, with or without approved=true. */
async function latestCounted(approved: boolean) {
  const query = approved ? '&approved=true' : '';
  const response = await fixture.app.request(`/api/v1/plans/${PLAN}/progress?region=${REGION}${query}`);
  expect(response.status).toBe(200);
  const { rows } = (await response.json()) as { rows: Row[] };
  return rows.find((row) => row.indicator.code === 'broadband-subscribers')?.latest?.year ?? null;
}

async function trajectoryYears(approved: boolean) {
  const response = await fixture.app.request(
    `/api/v1/regions/${REGION}/indicators/broadband-subscribers/trajectory${approved ? '?approved=true' : ''}`,
  );
  const { series } = (await response.json()) as { series: { points: { year: number }[] }[] };
  return series.flatMap((s) => s.points.map((p) => p.year));
}

async function scorecardCounts(approved: boolean) {
  const response = await fixture.app.request(
    `/api/v1/plans/${PLAN}/scorecard${approved ? '?approved=true' : ''}`,
  );
  return ((await response.json()) as { counts: Record<string, number> }).counts;
}

const periodOf = async (year: number) => {
  const response = await fixture.app.request(`/api/v1/plans/${PLAN}/periods?region=${REGION}`);
  const body = (await response.json()) as {
    periods: { region: string; year: number; state: string; history: Record<string, unknown>[] }[];
  };
  return body.periods.find((period) => period.region === REGION && period.year === year);
};

describe('approval of a region’s year', () => {
  it('runs from upload through submit, approval, lock, reopen and correction, with names throughout', async () => {
    // 王芳 uploads 2011–2014 for 连云港 and submits 2011.
    const first = await upload((await filledWorkbook(plausibleRows())).buffer, 'wangfang');
    expect(first.status).toBe(201);
    const imported = (await first.json()) as ImportReport;
    const record = await fixture.app.request(`/api/v1/imports/${imported.importId}`);
    expect(await record.json()).toMatchObject({ actor: { kind: 'user', name: '王芳' } });
    expect((await periodOf(2011))?.state).toBe('open');

    const submitted = await move('submit', 'wangfang');
    expect(submitted.status).toBe(201);
    expect(await submitted.json()).toMatchObject({ state: 'submitted', history: [{ by: { name: '王芳' } }] });

    // A reporter may not approve, nor may 常州's approver (320400 does not cover 320700): nothing is written.
    const before = await eventCount();
    const byReporter = await move('approve', 'wangfang');
    expect(byReporter.status).toBe(403);
    expect((await problemOf(byReporter)).code).toBe('role_forbidden');
    const byChangzhou = await move('approve', 'zhoulei');
    expect(byChangzhou.status).toBe(403);
    expect((await problemOf(byChangzhou)).code).toBe('region_forbidden');
    // Reopening what is only submitted is not a transition the period has.
    const tooEarly = await move('reopen', 'zhaomin', 2011, { reason: '提前退回' });
    expect(tooEarly.status).toBe(409);
    expect((await problemOf(tooEarly)).code).toBe('period_transition_invalid');
    expect(await eventCount()).toBe(before);

    // Jiangsu's approver (320000 covers its cities) approves; approving again is not a transition.
    const approved = await move('approve', 'zhaomin');
    expect(approved.status).toBe(201);
    expect(await approved.json()).toMatchObject({ state: 'approved' });
    // approved=true reads count 2011 now, not the unapproved 2012–2014; the plain reads count everything.
    expect(await latestCounted(false)).toBe(2014);
    expect(await latestCounted(true)).toBe(2011);
    expect(await trajectoryYears(false)).toEqual(expect.arrayContaining([2012, 2013, 2014]));
    expect(await trajectoryYears(true)).not.toContain(2012);
    expect(await trajectoryYears(true)).toContain(2011);
    expect(await scorecardCounts(true)).not.toEqual(await scorecardCounts(false));
    const again = await move('approve', 'zhaomin');
    expect(again.status).toBe(409);
    expect((await problemOf(again)).code).toBe('period_transition_invalid');

    // A correction of 2011 is refused at its cell, and nothing of the file is written.
    const corrected = await filledWorkbook(plausibleRows({ 'broadband-subscribers': { 2011: 41.8 } }));
    const eventsBefore = await eventCount();
    const importsBefore = await importCount();
    const locked = await upload(corrected.buffer, 'wangfang');
    expect(locked.status).toBe(409);
    const refused = (await locked.json()) as ImportReport;
    expect(refused.status).toBe('rejected');
    const problem = refused.problems.find((p) => p.code === 'period_locked');
    // Only the cell that would change 2011: the sheet's other 2011 values are the approved ones, and 2012 is open.
    expect(problem?.cells).toEqual([corrected.cellOf('broadband-subscribers', 2011)]);
    expect(problem?.message.zh).toContain('已审核');
    expect(await eventCount()).toBe(eventsBefore);
    expect(await importCount()).toBe(importsBefore);

    // So is a single value for 2011; 2012 is still open.
    const single = await fixture.app.request(
      `/api/v1/regions/${REGION}/indicators/broadband-subscribers/values`,
      jsonRequest('POST', { year: 2011, value: 41.8 }, as('wangfang')),
    );
    expect(single.status).toBe(409);
    expect(await problemOf(single)).toMatchObject({ code: 'period_locked', field: 'year' });
    // The approved value itself again changes nothing, and passes.
    const same = await fixture.app.request(
      `/api/v1/regions/${REGION}/indicators/broadband-subscribers/values`,
      jsonRequest('POST', { year: 2011, value: 41 }, as('wangfang')),
    );
    expect(same.status).toBe(200);
    expect(await same.json()).toMatchObject({ unchanged: true });
    expect(await eventCount()).toBe(eventsBefore);

    // A reopen needs a reason; with one, the correction is accepted and its history points at the reopen.
    const noReason = await move('reopen', 'zhaomin', 2011, { reason: ' ' });
    expect(noReason.status).toBe(400);
    const reopened = await move('reopen', 'zhaomin', 2011, { reason: '连云港市统计局更正宽带用户数' });
    expect(reopened.status).toBe(201);
    // Reopened, 2011 is no longer approved: the approved reads fall back to the plan's own 2010 baseline.
    expect(await latestCounted(true)).toBe(2010);
    expect(await latestCounted(false)).toBe(2014);
    const accepted = await upload(corrected.buffer, 'wangfang');
    expect(accepted.status).toBe(201);
    expect(((await accepted.json()) as ImportReport).counts.revised).toBe(1);
    const history = await fixture.app.request(
      `/api/v1/regions/${REGION}/indicators/broadband-subscribers/history`,
    );
    const entries = ((await history.json()) as { entries: Record<string, unknown>[] }).entries;
    expect(entries.find((entry) => entry.type === 'ValueRevised' && entry.year === 2011)).toMatchObject({
      value: 41.8,
      previous: { value: 41 },
      actor: { kind: 'user', name: '王芳' },
      causationId: `period-${PLAN}-${REGION}-2011#3`,
    });

    // The periods list tells the whole story with names; the other years are open and untouched.
    const period = await periodOf(2011);
    expect(period).toMatchObject({
      state: 'open',
      history: [
        {
          type: 'PeriodSubmitted',
          state: 'submitted',
          by: { kind: 'user', name: '王芳' },
          reason: null,
          version: 1,
        },
        { type: 'PeriodApproved', state: 'approved', by: { kind: 'user', name: '赵敏' }, version: 2 },
        {
          type: 'PeriodReopened',
          state: 'open',
          by: { kind: 'user', name: '赵敏' },
          reason: '连云港市统计局更正宽带用户数',
          version: 3,
        },
      ],
    });
    for (const entry of period?.history ?? []) expect(Date.parse(entry.at as string)).not.toBeNaN();
    expect(await periodOf(2012)).toMatchObject({ state: 'open', history: [] });
  });

  it('given the story, when 2012–2014 are submitted and approved, then each progress row says its latest value is approved, and not before', async () => {
    // given: 2014 (the latest uploaded year) is not approved yet
    const latestOf = async () => {
      const response = await fixture.app.request(`/api/v1/plans/${PLAN}/progress?region=${REGION}`);
      const { rows } = (await response.json()) as {
        rows: { indicator: { code: string }; latest: { year: number; approved?: boolean } | null }[];
      };
      return new Map(rows.map((row) => [row.indicator.code, row.latest]));
    };
    const before = await latestOf();
    expect(before.get('broadband-subscribers')).toMatchObject({ year: 2014, approved: false });
    // A value of the plan documents' base year needs no approval.
    const baseOnly = [...before.values()].find((latest) => latest?.year === 2010);
    expect(baseOnly).toMatchObject({ approved: true });
    // when
    for (const year of [2012, 2013, 2014]) {
      expect((await move('submit', 'wangfang', year)).status).toBe(201);
      expect((await move('approve', 'zhaomin', year)).status).toBe(201);
    }
    await catchUpToEnd(fixture.database.db);
    // then: the same read, a new answer (the approval is part of its ETag)
    expect((await latestOf()).get('broadband-subscribers')).toMatchObject({ year: 2014, approved: true });
  });

  it('given approved=true with asOf, then 422: approval is read as it stands now', async () => {
    const response = await fixture.app.request(
      `/api/v1/plans/${PLAN}/progress?approved=true&asOf=2014-01-01T00:00:00Z`,
    );
    expect(response.status).toBe(422);
    expect((await problemOf(response)).code).toBe('approved_with_as_of');
  });

  it('given a year outside the plan, an unknown plan or a region the plan does not cover, then a problem and nothing written', async () => {
    const before = await eventCount();
    const outside = await move('submit', 'wangfang', 2020);
    expect(outside.status).toBe(422);
    expect((await problemOf(outside)).code).toBe('year_outside_plan');
    const plan = await fixture.app.request('/api/v1/plans/no-such-plan/regions/320700/years/2011/submit', {
      method: 'POST',
      ...bearer(as('wangfang')),
    });
    expect(plan.status).toBe(404);
    const other = await fixture.app.request(
      '/api/v1/plans/changzhou-12fyp/regions/320700/years/2011/submit',
      { method: 'POST', ...bearer(ADMIN_TOKEN) },
    );
    expect(other.status).toBe(404);
    expect(await eventCount()).toBe(before);
  });

  it('given the story in the log, when the read models are rebuilt, then the periods read the same', async () => {
    const list = async () => (await fixture.app.request(`/api/v1/plans/${PLAN}/periods`)).json();
    const before = await list();
    expect(JSON.stringify(before)).toContain('PeriodReopened');
    await rebuildProjections(fixture.database.db, projections);
    expect(await list()).toEqual(before);
  });
});
