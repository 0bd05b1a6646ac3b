import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Evaluation as EvaluationView } from '../../domain/evaluation/evaluation.ts';
import { evaluationOf } from '../../projections/evaluation/query.ts';
import type { AppDeps } from '../deps.ts';
import { evaluationCsv } from '../evaluation/csv.ts';
import { evaluationPage } from '../evaluation/html.ts';
import { evaluationWorkbook } from '../evaluation/xlsx.ts';
import { notFound } from '../problem.ts';
import { etagOfKey, isNotModified, readKey, wantsCsv } from '../read-response.ts';
import { Evaluation, EvaluationQuery } from '../schemas/evaluation.ts';
import { problemResponses } from '../schemas/problem.ts';
import { sourceFor } from './progress.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const evaluationRoute = createRoute({
  method: 'get',
  path: '/plans/{planId}/evaluation',
  tags: ['progress'],
  summary: 'The mid-term or final evaluation of a plan in one region: JSON, CSV, XLSX or a printable page',
  description:
    'Per category and target: the baseline, each year’s value, the target, completion (完成率), status, ' +
    'projection and citation; a summary (counts by status, per category, the targets most behind). ' +
    '`throughYear` is the last report year used (2013: 中期评估; the plan’s end year, the default: 终期评估); ' +
    '`asOf` the recording time. JSON keeps full precision; CSV (UTF-8 with BOM), XLSX (Chinese headers, ' +
    'frozen header, A4 print setup) and HTML (print CSS, A4, page numbers) round numbers for people.',
  request: {
    params: z.object({ planId: z.string().min(1).max(100).openapi({ example: 'lianyungang-12fyp' }) }),
    query: EvaluationQuery,
  },
  responses: {
    200: {
      description: 'The evaluation',
      content: {
        'application/json': { schema: Evaluation },
        'text/csv': { schema: z.string().openapi({ description: 'One row per target, Chinese headers' }) },
        [XLSX]: { schema: z.string().openapi({ format: 'binary' }) },
        'text/html': { schema: z.string().openapi({ description: 'A printable report (A4)' }) },
      },
    },
    304: { description: 'Not modified: the If-None-Match ETag is current' },
    ...problemResponses(400, 401, 404),
  },
});

const fileName = (e: EvaluationView, ext: string) =>
  `evaluation-${e.plan.planId}-${e.region.code}-${e.throughYear}.${ext}`;

export const evaluationRoutes = (deps: AppDeps) =>
  new OpenAPIHono().openapi(evaluationRoute, async (c) => {
    const { planId } = c.req.valid('param');
    const { region, throughYear, asOf, format } = c.req.valid('query');
    const as = format ?? (wantsCsv(c) ? 'csv' : 'json');
    const source = await sourceFor(deps.db, asOf);
    const etag = etagOfKey(readKey(source.version, 'evaluation', planId, region, throughYear, as));
    const headers = { ETag: etag, Vary: 'Accept, Authorization', 'Cache-Control': 'no-cache' };
    if (isNotModified(c, etag)) return c.body(null, 304, headers) as never;
    const evaluation = await evaluationOf(source, { planId, regionCode: region, throughYear });
    if (!evaluation)
      return notFound(c, 'plan_not_found', { zh: `没有规划 ${planId}`, en: `no plan ${planId}` }) as never;
    const now = new Date();
    const attachment = (ext: string) => ({
      'Content-Disposition': `attachment; filename="${fileName(evaluation, ext)}"`,
    });
    switch (as) {
      case 'csv':
        return c.body(evaluationCsv(evaluation), 200, {
          ...headers,
          'Content-Type': 'text/csv; charset=utf-8',
          ...attachment('csv'),
        }) as never;
      case 'xlsx': {
        const file = await evaluationWorkbook(evaluation, now);
        return c.body(new Uint8Array(file), 200, {
          ...headers,
          'Content-Type': XLSX,
          ...attachment('xlsx'),
        }) as never;
      }
      case 'html':
        return c.body(evaluationPage(evaluation, now), 200, {
          ...headers,
          'Content-Type': 'text/html; charset=utf-8',
          // A page of text and one style sheet in it: nothing else may load or run.
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'",
        }) as never;
      default:
        return c.json({ asOf: asOf ?? null, ...evaluation }, 200, headers) as never;
    }
  });
