import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getPlan, listPlans } from '../../projections/catalog/query.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../problem.ts';
import { PlanDetail, PlanList } from '../schemas/plans.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/plans',
  tags: ['plans'],
  summary: 'Every plan, with its region and how many indicators and targets it has',
  responses: { 200: { description: 'The plans', content: { 'application/json': { schema: PlanList } } } },
});

const getRoute = createRoute({
  method: 'get',
  path: '/plans/{planId}',
  tags: ['plans'],
  summary: "One plan's indicators and targets, with the citation of each target and its revisions",
  request: { params: z.object({ planId: z.string().openapi({ example: 'lianyungang-12fyp' }) }) },
  responses: {
    200: { description: 'The plan', content: { 'application/json': { schema: PlanDetail } } },
    404: { description: 'No such plan' },
  },
});

export const planRoutes = (deps: AppDeps) =>
  new OpenAPIHono()
    .openapi(listRoute, async (c) => c.json({ plans: await listPlans(deps.db) }, 200))
    .openapi(getRoute, async (c) => {
      const { planId } = c.req.valid('param');
      const plan = await getPlan(deps.db, planId);
      if (!plan) return notFound(c, 'plan_not_found', { zh: `没有规划 ${planId}`, en: `no plan ${planId}` });
      return c.json(plan, 200);
    });
