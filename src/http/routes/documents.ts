import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { planUploadDrafts, planUploadsVersion } from '../../plan-uploads/plan-uploads-table.ts';
import { withUploadedPlans } from '../../plan-uploads/uploaded-catalog.ts';
import { loadSeedCatalog } from '../../seeding/seed-catalog.ts';
import type { AppDeps } from '../deps.ts';
import { etagOf, isNotModified } from '../read-response.ts';
import { problemResponses } from '../schemas/problem.ts';
import { notModified } from '../schemas/read.ts';

/**
 * The documents that state targets and values, by file name: a citation (`source.document`) names its file, and a
 * person wants the title (the indicator page shows 《title》 and the section).
 */

const Document = z
  .object({
    document: z.string().openapi({ example: '000_7f32ec414e3c4464.txt' }),
    title: z.string().openapi({ example: '连云港市“十二五”信息化发展规划' }),
    issuer: z.string(),
    issuedOn: z.string().openapi({ example: '2012-09-12' }),
  })
  .openapi('Document');

const documentsRoute = createRoute({
  method: 'get',
  path: '/documents',
  tags: ['plans'],
  summary: 'The documents cited by targets and values: file name, title, issuer, date',
  responses: {
    200: {
      description: 'Every document, in file-name order',
      content: { 'application/json': { schema: z.object({ documents: z.array(Document) }) } },
    },
    ...notModified,
    ...problemResponses(401),
  },
});

export const documentRoutes = (deps: AppDeps) =>
  new OpenAPIHono().openapi(documentsRoute, async (c) => {
    const version = await planUploadsVersion(deps.db);
    const etag = etagOf('documents', version);
    if (isNotModified(c, etag)) return new Response(null, { status: 304, headers: { ETag: etag } }) as never;
    const seeds = loadSeedCatalog();
    const catalog = version === 0 ? seeds : withUploadedPlans(seeds, await planUploadDrafts(deps.db));
    const documents = catalog.documents
      .map(({ document, title, issuer, issuedOn }) => ({ document, title, issuer, issuedOn }))
      .sort((a, b) => a.document.localeCompare(b.document));
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    return c.json({ documents }, 200);
  });
