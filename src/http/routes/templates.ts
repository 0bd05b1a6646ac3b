import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { SeedCatalog } from '../../domain/catalog/seed-files.ts';
import { planUploadDrafts, planUploadsVersion } from '../../plan-uploads/plan-uploads-table.ts';
import { withUploadedPlans } from '../../plan-uploads/uploaded-catalog.ts';
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
    'For a seeded plan the same file as templates/<planId>.xlsx (npm run templates); for an uploaded plan made ' +
    'the same way from its published tables.',
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

/**
 * Generated once per plan and state of the uploaded plans: the seeds do not change while the process runs, and an
 * uploaded table (src/plan-uploads) bumps the version.
 */
const cache = new Map<string, Promise<Buffer>>();

export const templateRoutes = (deps: AppDeps) =>
  new OpenAPIHono().openapi(templateRoute, async (c) => {
    const { planId } = c.req.valid('param');
    const version = await planUploadsVersion(deps.db);
    const seeds = loadSeedCatalog();
    const catalog = version === 0 ? seeds : withUploadedPlans(seeds, await planUploadDrafts(deps.db));
    if (!planIds(catalog).includes(planId)) {
      return notFound(c, 'plan_not_found', { zh: `没有规划 ${planId}`, en: `no plan ${planId}` });
    }
    const key = `${planId}|${version}`;
    let file = cache.get(key);
    if (!file) {
      file = templateFile(catalog, planId);
      cache.set(key, file);
    }
    const bytes = await file;
    const etag = etagOf('template', planId, bytes.length, bytes.subarray(-64).toString('hex'));
    if (isNotModified(c, etag)) return new Response(null, { status: 304, headers: { ETag: etag } }) as never;
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        'Content-Type': XLSX,
        'Content-Disposition': contentDisposition(planId, titleOf(catalog, planId)),
        ETag: etag,
      },
    }) as never;
  });

const titleOf = (catalog: SeedCatalog, planId: string) =>
  catalog.documents.flatMap((doc) => doc.plans).find((plan) => plan.planId === planId)?.title;

/**
 * Saved under the plan's Chinese title (RFC 6266 filename*, UTF-8), with the plan id as the plain-ASCII name for
 * clients that do not read filename*.
 */
function contentDisposition(planId: string, title: string | undefined): string {
  const plain = `attachment; filename="${planId}.xlsx"`;
  if (!title) return plain;
  const name = `${title.replace(/[\\/:*?"<>|]/gu, '')}填报模板.xlsx`;
  return `${plain}; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
