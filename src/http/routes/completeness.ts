import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type PlanCompleteness as Completeness,
  DEFAULT_REPORT_DEADLINE,
  planCompleteness,
} from '../../projections/completeness/query.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../problem.ts';
import { projectionPosition } from '../projection-tag.ts';
import { type CsvColumn, etagOf, respondWithQuery } from '../read-response.ts';
import { CompletenessQuery, PlanCompleteness } from '../schemas/completeness.ts';
import { problemResponses } from '../schemas/problem.ts';

const completenessRoute = createRoute({
  method: 'get',
  path: '/plans/{planId}/completeness',
  tags: ['plans'],
  summary:
    'Completeness and timeliness: per region of the plan and report year, values reported of those expected',
  description:
    "For each region the plan sets targets for and each report year of its period: the values expected (one per indicator and part of the region's targets), " +
    'how many are reported, the share, when the latest was stated, and whether they came in by the reporting deadline ' +
    '(REPORT_DEADLINE, MM-DD of the following year, default 03-31). ETag and 304; CSV (one row per region and year) ' +
    'with `Accept: text/csv` or `?format=csv`.',
  request: {
    params: z.object({ planId: z.string().openapi({ example: 'lianyungang-12fyp' }) }),
    query: CompletenessQuery,
  },
  responses: {
    200: {
      description: 'Completeness per region and year',
      content: {
        'application/json': { schema: PlanCompleteness },
        'text/csv': { schema: z.string().openapi({ description: 'One row per region and report year' }) },
      },
    },
    304: { description: 'Not modified: the If-None-Match ETag is current' },
    ...problemResponses(400, 401, 404),
  },
});

type Row = Completeness['regions'][number]['years'][number] & { region: { code: string; name: string } };

const columns: CsvColumn<Row>[] = [
  { header: 'regionCode', value: (row) => row.region.code },
  { header: 'regionName', value: (row) => row.region.name },
  { header: 'year', value: (row) => row.year },
  { header: 'expected', value: (row) => row.expected },
  { header: 'reported', value: (row) => row.reported },
  { header: 'share', value: (row) => row.share },
  { header: 'lastReportAt', value: (row) => row.lastReportAt },
  { header: 'deadline', value: (row) => row.deadline },
  { header: 'inByDeadline', value: (row) => (row.inByDeadline === null ? '' : row.inByDeadline) },
];

export const completenessRoutes = (deps: AppDeps) =>
  new OpenAPIHono().openapi(completenessRoute, async (c) => {
    const { planId } = c.req.valid('param');
    const { region, year } = c.req.valid('query');
    const deadline = deps.config.reportDeadline ?? DEFAULT_REPORT_DEADLINE;
    // Positions first, then the data: the data can only be newer than the tag.
    const [catalog, progress] = await Promise.all([
      projectionPosition(deps.db, 'catalog'),
      projectionPosition(deps.db, 'progress'),
    ]);
    const known = await deps.db
      .selectFrom('catalog_plans')
      .select('plan_id')
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    if (!known) return notFound(c, 'plan_not_found', { zh: `没有规划 ${planId}`, en: `no plan ${planId}` });
    return (await respondWithQuery(c, {
      etag: etagOf('completeness', planId, region, year, catalog, progress, deadline.month, deadline.day),
      // Only when the client's copy is not current (a 304 runs no query).
      load: async () => (await planCompleteness(deps.db, planId, { region, year, deadline })) as Completeness,
      json: (data) => data,
      csv: {
        filename: `completeness-${planId}.csv`,
        rows: (data) => data.regions.flatMap((r) => r.years.map((y) => ({ ...y, region: r.region }))),
        columns,
      },
    })) as never;
  });
