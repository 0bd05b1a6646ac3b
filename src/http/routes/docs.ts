import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../problem.ts';
import { Problem } from '../schemas/problem.ts';

/**
 * The contract and its reader: GET /api/v1/openapi.json (OpenAPI 3.1 of every route) and GET /docs (Scalar's
 * interactive reference). Scalar's page loads its script from a CDN unless the runtime hands us the standalone
 * bundle (`deps.docsScript`): then /docs/scalar.js serves it and the page loads nothing from the internet.
 */

const SCALAR_CDN = 'https://cdn.jsdelivr.net/npm/@scalar/api-reference';

const documentRoute = createRoute({
  method: 'get',
  path: '/api/v1/openapi.json',
  tags: ['documentation'],
  summary: 'This API as an OpenAPI 3.1 document (always public)',
  responses: {
    200: {
      description: 'The OpenAPI document',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
    },
  },
});

const referenceRoute = createRoute({
  method: 'get',
  path: '/docs',
  tags: ['documentation'],
  summary: 'Interactive API reference (Scalar) of the OpenAPI document',
  responses: { 200: { description: 'An HTML page', content: { 'text/html': { schema: z.string() } } } },
});

const scriptRoute = createRoute({
  method: 'get',
  path: '/docs/scalar.js',
  tags: ['documentation'],
  summary: "The reference page's script, served locally when the runtime has it",
  responses: {
    200: { description: 'JavaScript', content: { 'text/javascript': { schema: z.string() } } },
    404: {
      description: 'Not bundled with this runtime: the page uses the CDN (docs_script_not_bundled)',
      content: { 'application/problem+json': { schema: Problem } },
    },
  },
});

export const docsRoutes = (deps: AppDeps, document: () => object) => {
  let generated: string | undefined;
  // Routes do not change once the app is built: generate once, when first asked for.
  const documentJson = () => {
    generated ??= JSON.stringify(document());
    return generated;
  };
  const reference = Scalar(() => ({
    // The document goes in the page itself: fetching it from the page raced Scalar's start on a cold service
    // ("Can not load the document") and is a second request for nothing.
    content: documentJson(),
    pageTitle: 'plan-monitor API',
    cdn: deps.docsScript ? '/docs/scalar.js' : SCALAR_CDN,
    // Inter and the mono font come from Scalar's font host otherwise: the page must work offline.
    withDefaultFonts: false,
    // No /favicon.ico request (a 404 in the console).
    favicon: 'data:,',
  }));
  return new OpenAPIHono()
    .openapi(
      documentRoute,
      (c) => c.body(documentJson(), 200, { 'Content-Type': 'application/json; charset=utf-8' }) as never,
    )
    .openapi(referenceRoute, (c) => reference(c, async () => {}) as never)
    .openapi(scriptRoute, async (c) => {
      const script = await deps.docsScript?.();
      if (script === undefined) {
        return notFound(c, 'docs_script_not_bundled', {
          zh: '此运行环境未附带 Scalar 脚本，文档页面使用 CDN',
          en: 'this runtime has no bundled Scalar script; the reference page uses the CDN',
        });
      }
      return c.body(script as never, 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=86400',
      }) as never;
    });
};
