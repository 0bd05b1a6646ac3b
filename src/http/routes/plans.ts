import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getPlan, listPlans, type PlanDetail as PlanDetailView } from '../../projections/catalog/query.ts';
import type { AppDeps } from '../deps.ts';
import { cursorKey, PageQuery, pageOf } from '../pagination.ts';
import { notFound } from '../problem.ts';
import { projectionPosition } from '../projection-tag.ts';
import { type CsvColumn, etagOf, respondWithQuery } from '../read-response.ts';
import { PlanDetail, PlanList } from '../schemas/plans.ts';
import { problemResponses } from '../schemas/problem.ts';
import { notModified, ReadFormat } from '../schemas/read.ts';

const csv = (description: string) => ({ 'text/csv': { schema: z.string().openapi({ description }) } });

const listRoute = createRoute({
  method: 'get',
  path: '/plans',
  tags: ['plans'],
  summary: 'Every plan, with its region and how many indicators and targets it has',
  description:
    'A page at a time (`cursor`, `limit`). Carries an ETag of the catalog position it reflects; `If-None-Match` ' +
    'answers 304. CSV (UTF-8 with BOM) with `Accept: text/csv` or `?format=csv`.',
  request: { query: PageQuery.extend(ReadFormat.shape) },
  responses: {
    200: {
      description: 'The plans',
      content: { 'application/json': { schema: PlanList }, ...csv('One row per plan') },
    },
    ...notModified,
    ...problemResponses(400, 401),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/plans/{planId}',
  tags: ['plans'],
  summary: "One plan's indicators and targets, with the citation of each target and its revisions",
  description: 'ETag and 304 as for the list; CSV gives one row per target.',
  request: {
    params: z.object({ planId: z.string().openapi({ example: 'lianyungang-12fyp' }) }),
    query: ReadFormat,
  },
  responses: {
    200: {
      description: 'The plan',
      content: { 'application/json': { schema: PlanDetail }, ...csv('One row per target') },
    },
    ...notModified,
    ...problemResponses(400, 401, 404),
  },
});

type PlanRow = z.infer<typeof PlanList>['plans'][number];

const planColumns: CsvColumn<PlanRow>[] = [
  { header: 'planId', value: (plan) => plan.planId },
  { header: 'title', value: (plan) => plan.title },
  { header: 'issuer', value: (plan) => plan.issuer },
  { header: 'issuedOn', value: (plan) => plan.issuedOn },
  { header: 'periodStart', value: (plan) => plan.period.start },
  { header: 'periodEnd', value: (plan) => plan.period.end },
  { header: 'regionCode', value: (plan) => plan.region.code },
  { header: 'regionName', value: (plan) => plan.region.name },
  { header: 'indicators', value: (plan) => plan.counts.indicators },
  { header: 'targets', value: (plan) => plan.counts.targets },
  { header: 'revisedTargets', value: (plan) => plan.counts.revisedTargets },
  { header: 'documents', value: (plan) => plan.documents.join(' ') },
];

type TargetRow = {
  indicator: PlanDetailView['indicators'][number];
} & PlanDetailView['indicators'][number]['targets'][number];
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

const targetColumns = (planId: string): CsvColumn<TargetRow>[] => [
  { header: 'planId', value: () => planId },
  { header: 'category', value: (row) => row.indicator.category },
  { header: 'indicatorCode', value: (row) => row.indicator.code },
  { header: 'indicatorName', value: (row) => row.indicator.name },
  { header: 'regionCode', value: (row) => row.regionCode },
  { header: 'part', value: (row) => row.part },
  { header: 'tier', value: (row) => row.tier },
  { header: 'year', value: (row) => row.year },
  { header: 'basis', value: (row) => row.basis },
  { header: 'comparator', value: (row) => row.comparator },
  { header: 'value', value: (row) => row.value },
  { header: 'upper', value: (row) => row.upper },
  { header: 'unit', value: (row) => row.unit },
  { header: 'printed', value: (row) => text(row.source.printed) },
  { header: 'document', value: (row) => text(row.source.document) },
  { header: 'section', value: (row) => text(row.source.section) },
  { header: 'revisions', value: (row) => row.revisions.length },
  // Added by issue 13, after the earlier columns so that a sheet reading those by position still does
  { header: 'printedName', value: (row) => row.printedName },
  { header: 'title', value: (row) => text(row.source.title) },
  { header: 'citations', value: (row) => row.citations.length },
];

export const planRoutes = (deps: AppDeps) =>
  new OpenAPIHono()
    .openapi(listRoute, async (c) => {
      const { cursor, limit } = c.req.valid('query');
      const after = cursorKey(cursor, z.string());
      // The position first, then the data: the data can only be newer than the tag, never older.
      const position = await projectionPosition(deps.db, 'catalog');
      return (await respondWithQuery(c, {
        etag: etagOf('plans', position, cursor, limit),
        load: async () => {
          const plans = (await listPlans(deps.db)).filter(
            (plan) => after === undefined || plan.planId > after,
          );
          return pageOf(plans, limit, (plan) => plan.planId);
        },
        json: (page) => ({ plans: page.items, nextCursor: page.nextCursor }),
        csv: { filename: 'plans.csv', rows: (page) => page.items, columns: planColumns },
      })) as never;
    })
    .openapi(getRoute, async (c) => {
      const { planId } = c.req.valid('param');
      const position = await projectionPosition(deps.db, 'catalog');
      const known = await deps.db
        .selectFrom('catalog_plans')
        .select('plan_id')
        .where('plan_id', '=', planId)
        .executeTakeFirst();
      if (!known) return notFound(c, 'plan_not_found', { zh: `没有规划 ${planId}`, en: `no plan ${planId}` });
      return (await respondWithQuery(c, {
        etag: etagOf('plan', planId, position),
        load: async () => (await getPlan(deps.db, planId)) as PlanDetailView,
        json: (plan) => plan,
        csv: {
          filename: `${planId}.csv`,
          rows: (plan) =>
            plan.indicators.flatMap((indicator) =>
              indicator.targets.map((target) => ({ indicator, ...target })),
            ),
          columns: targetColumns(planId),
        },
      })) as never;
    });
