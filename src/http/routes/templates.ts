import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { loadSeedCatalog } from '../../seeding/seed-catalog.ts';
import { planIds, templateFile } from '../../templates/generate-templates.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../problem.ts';
import { etagOf, isNotModified } from '../read-response.ts';
import { problemResponses } from '../schemas/problem.ts';
import { notModified } from '../schemas/read.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const templateRoute = createRoute({
  method: 'get',
  path: '/plans/{planId}/template',
  tags: ['plans'],
  summary: "The plan's Excel template: its appendix table with a column per report year, and instructions",
  description:
    'The same file as templates/<planId>.xlsx (npm run templates), generated from the catalog seeds.',
  request: { params: z.object({ planId: z.string().openapi({ example: 'changzhou-12fyp' }) }) },
  responses: {
    200: {
      description: 'The template',
      content: { [XLSX]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
    },
    ...notModified,
    ...problemResponses(401, 404),
  },
});

/** Generated once per process: the seeds do not change while it runs. */
const cache = new Map<string, Promise<Buffer>>();

export const templateRoutes = (_deps: AppDeps) =>
  new OpenAPIHono().openapi(templateRoute, async (c) => {
    const { planId } = c.req.valid('param');
    const catalog = loadSeedCatalog();
    if (!planIds(catalog).includes(planId)) {
      return notFound(c, 'plan_not_found', { zh: `没有规划 ${planId}`, en: `no plan ${planId}` });
    }
    let file = cache.get(planId);
    if (!file) {
      file = templateFile(catalog, planId);
      cache.set(planId, file);
    }
    const bytes = await file;
    const etag = etagOf('template', planId, bytes.length, bytes.subarray(-64).toString('hex'));
    if (isNotModified(c, etag)) return new Response(null, { status: 304, headers: { ETag: etag } }) as never;
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        'Content-Type': XLSX,
        'Content-Disposition': `attachment; filename="${planId}.xlsx"`,
        ETag: etag,
      },
    }) as never;
  });
