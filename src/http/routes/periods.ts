import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import { transitionPeriod } from '../../approval/transition.ts';
import { scopeCovers } from '../../auth/region-scope.ts';
import type { PeriodCommand } from '../../domain/approval/decide.ts';
import { DomainError } from '../../domain/errors.ts';
import { listPeriods } from '../../projections/periods/query.ts';
import { authorizePeriod } from '../auth/authorize-period.ts';
import type { AppDeps } from '../deps.ts';
import { problem, raise, requestIdOf } from '../problem.ts';
import { PeriodList, PeriodListQuery, PeriodParams, PeriodView, Reopening } from '../schemas/periods.ts';
import { problemResponses } from '../schemas/problem.ts';

/** Approval of a plan's region and report year: submit, approve, reopen; and the list of periods with who and when. */

const security = [{ bearer: [] }];
const ACTIONS = {
  submit: {
    command: 'SubmitPeriod',
    summary: "Submit a region's year for approval (reporter for the region)",
  },
  approve: {
    command: 'ApprovePeriod',
    summary: 'Approve a submitted year (approver whose scope covers the region)',
  },
  reopen: { command: 'ReopenPeriod', summary: 'Reopen an approved year, with a reason (approver)' },
} as const;
type Action = keyof typeof ACTIONS;

const transitionRoute = (action: Action) =>
  createRoute({
    method: 'post',
    path: `/plans/{planId}/regions/{region}/years/{year}/${action}`,
    tags: ['approval'],
    summary: ACTIONS[action].summary,
    security,
    request: {
      params: PeriodParams,
      ...(action === 'reopen'
        ? { body: { required: true, content: { 'application/json': { schema: Reopening } } } }
        : {}),
    },
    responses: {
      201: {
        description: 'Recorded; the period as it now stands',
        content: { 'application/json': { schema: PeriodView } },
      },
      // A year outside the plan breaks a rule of the plan (422), it is not a malformed path.
      ...problemResponses(400, 401, 403, 404, 409, 422),
      // Reopen's body: too large, or not JSON.
      ...(action === 'reopen' ? problemResponses(413, 415) : {}),
    },
  });

const listRoute = createRoute({
  method: 'get',
  path: '/plans/{planId}/periods',
  tags: ['approval'],
  summary: "A plan's periods: each region's year with its state and every transition (who, when, why)",
  request: { params: PeriodParams.pick({ planId: true }), query: PeriodListQuery },
  responses: {
    200: { description: 'The periods', content: { 'application/json': { schema: PeriodList } } },
    ...problemResponses(400, 401, 404),
  },
});

async function planOf(deps: AppDeps, planId: string) {
  const plan = await deps.db
    .selectFrom('catalog_plans')
    .selectAll()
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (!plan) return raise(404, 'plan_not_found', { zh: `没有规划 ${planId}`, en: `no plan ${planId}` });
  return plan;
}

/** The region must be the plan's or under it, and the year one of the plan's. */
async function checkPeriod(deps: AppDeps, planId: string, region: string, year: number) {
  const plan = await planOf(deps, planId);
  const known = await deps.db
    .selectFrom('catalog_regions')
    .select('code')
    .where('code', '=', region)
    .executeTakeFirst();
  if (!known || !scopeCovers(plan.region_code, region)) {
    raise(404, 'region_not_in_plan', {
      zh: `规划 ${planId} 不涵盖地区 ${region}`,
      en: `plan ${planId} does not cover region ${region}`,
    });
  }
  if (year < plan.period_start || year > plan.period_end) {
    raise(
      422,
      'year_outside_plan',
      {
        zh: `${year} 年不在规划 ${planId} 的期间（${plan.period_start}–${plan.period_end}）内`,
        en: `${year} is outside the period of plan ${planId} (${plan.period_start}–${plan.period_end})`,
      },
      { field: 'year', in: 'path' },
    );
  }
}

type PeriodRow = Awaited<ReturnType<typeof listPeriods>>[number];
const periodView = (row: PeriodRow): z.infer<typeof PeriodView> => ({
  planId: row.plan_id,
  region: row.region_code,
  year: row.year,
  state: row.state,
  history: row.history,
});

export const periodRoutes = (deps: AppDeps) => {
  const app = new OpenAPIHono();
  for (const action of Object.keys(ACTIONS) as Action[]) {
    app.openapi(transitionRoute(action), async (c) => {
      const { planId, region, year } = c.req.valid('param');
      const actor = await authorizePeriod(c, deps, action, region);
      await checkPeriod(deps, planId, region, year);
      const requestId = requestIdOf(c);
      const metadata = {
        actor,
        occurredAt: (deps.now?.() ?? new Date()).toISOString(),
        ...(requestId ? { correlationId: requestId } : {}),
      };
      const key = { planId, regionCode: region, year };
      const command = (
        action === 'reopen'
          ? {
              type: 'ReopenPeriod',
              data: { ...key, reason: (await c.req.json<{ reason: string }>()).reason.trim() },
              metadata,
            }
          : { type: ACTIONS[action].command, data: key, metadata }
      ) as PeriodCommand;
      try {
        await transitionPeriod(deps.db, command);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return problem(c, 409, error.code, error.messages, error.details) as never;
      }
      await deps.catchUp();
      const [row] = (await listPeriods(deps.db, planId, region)).filter(
        (period) => period.region_code === region && period.year === year,
      );
      if (!row) throw new Error('the period just recorded is not in the read model');
      return c.json(periodView(row), 201);
    });
  }
  app.openapi(listRoute, async (c) => {
    const { planId } = c.req.valid('param');
    const { region } = c.req.valid('query');
    const plan = await planOf(deps, planId);
    const rows = await listPeriods(deps.db, planId, region);
    const periods = rows.map(periodView);
    if (region) {
      // Every year of the plan for the region itself, open ones included: what a dashboard shows.
      for (let year = plan.period_start; year <= plan.period_end; year++) {
        if (!rows.some((row) => row.region_code === region && row.year === year)) {
          periods.push({ planId, region, year, state: 'open', history: [] });
        }
      }
      periods.sort((a, b) => a.region.localeCompare(b.region) || a.year - b.year);
    }
    return c.json({ planId, periods }, 200);
  });
  return app;
};
