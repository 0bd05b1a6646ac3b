import { OpenAPIHono } from '@hono/zod-openapi';
import { readAccess } from './auth/authorize.ts';
import type { AppDeps } from './deps.ts';
import { allowedMethods, errorHandler, notFoundHandler } from './errors.ts';
import { authorizeWrites } from './middleware/authorize-first.ts';
import { bodyLimits } from './middleware/body-limit.ts';
import { corsFor } from './middleware/cors.ts';
import { requestIdentity } from './middleware/request-id.ts';
import { requestLog } from './middleware/request-log.ts';
import { wellFormedUrl } from './middleware/text-check.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { docsRoutes } from './routes/docs.ts';
import { healthRoutes } from './routes/health.ts';
import { historyRoutes } from './routes/history.ts';
import { importRoutes } from './routes/imports.ts';
import { jobRoutes } from './routes/jobs.ts';
import { planRoutes } from './routes/plans.ts';
import { progressRoutes } from './routes/progress.ts';
import { projectionRoutes } from './routes/projections.ts';
import { templateRoutes } from './routes/templates.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { valueRoutes } from './routes/values.ts';
import { validationHook } from './validation.ts';

/** Write routes only an admin may call; every other write needs a reporter or an admin. */
const ADMIN_WRITES = ['/api/v1/tokens', '/api/v1/tokens/*', '/api/v1/projections/*'];

/**
 * Every operation may answer 400 text_invalid (wellFormedUrl runs before any route): the document says so where
 * an operation lists no 400 of its own.
 */
function withTextProblems<D extends { paths?: object }>(document: D): D {
  for (const item of Object.values(document.paths ?? {}) as object[]) {
    for (const operation of Object.values(item) as unknown[]) {
      const responses = (operation as { responses?: Record<string, unknown> }).responses;
      if (!responses || responses['400']) continue;
      responses['400'] = {
        description: 'A NUL or a lone surrogate in the path or query (text_invalid)',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
  }
  return document;
}

/** The whole HTTP surface, the same on Node and on Workers. */
export function createApp(deps: AppDeps) {
  // The defaultHook reaches every route module mounted below: a failed zod schema is one problem shape.
  // strict: false: /api/v1/plans/ and /healthz/ answer as the routes without the slash (it was a 405).
  const app = new OpenAPIHono({ defaultHook: validationHook, strict: false });
  // Taken from a proxy's X-Request-Id when it sent a sane one, else made here; echoed on every response.
  app.use('*', requestIdentity());
  if (deps.logger) app.use('*', requestLog(deps.logger));
  const cors = corsFor(deps.config.corsOrigins);
  if (cors) app.use('*', cors);
  // A NUL or a lone surrogate in the path or query is a 400 before anything routes on it or queries with it.
  app.use('*', wellFormedUrl());
  app.use('*', bodyLimits(deps.config));
  app.use('/api/v1/*', readAccess(deps, ['/api/v1/openapi.json']));
  // Every write is authenticated (401) and its role checked (403) before its body is read or validated: a
  // reader never writes, and these routes are for admins only. A reporter's region is checked by the handler.
  const routed = (method: string, path: string) => allowedMethods(app as never, path).includes(method);
  for (const path of ADMIN_WRITES) app.use(path, authorizeWrites(deps, 'admin', routed));
  app.use('/api/v1/*', authorizeWrites(deps, 'reporter', routed));

  app.route('/', healthRoutes(deps));
  app.route('/', dashboardRoutes(deps));
  app.route('/api/v1', planRoutes(deps));
  app.route('/api/v1', tokenRoutes(deps));
  app.route('/api/v1', importRoutes(deps));
  app.route('/api/v1', historyRoutes(deps));
  app.route('/api/v1', templateRoutes(deps));
  app.route('/api/v1', valueRoutes(deps));
  app.route('/api/v1', progressRoutes(deps));
  app.route('/api/v1', projectionRoutes(deps));
  app.route('/api/v1', jobRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (pm_…) from `npm run token -- create` or POST /api/v1/tokens, or ADMIN_TOKEN',
  });
  // Generated when first asked for, so every route mounted above is in it.
  app.route(
    '/',
    docsRoutes(deps, () =>
      withTextProblems(
        app.getOpenAPI31Document({
          openapi: '3.1.0',
          info: {
            title: 'plan-monitor',
            version: '1',
            description:
              'Targets of the 12th Five-Year informatization plans, reported values and their trajectories. ' +
              'Every error is application/problem+json (RFC 9457) with a stable `code` and a Chinese and English message.',
          },
        }),
      ),
    ),
  );
  app.notFound(notFoundHandler(app as never));
  app.onError(errorHandler(deps.logger));
  return app;
}
