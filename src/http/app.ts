import { OpenAPIHono } from '@hono/zod-openapi';
import { readAccess } from './auth/authorize.ts';
import type { AppDeps } from './deps.ts';
import { allowedMethods, errorHandler, notFoundHandler } from './errors.ts';
import { authorizeWrites, type WriteRules } from './middleware/authorize-first.ts';
import { bodyLimits } from './middleware/body-limit.ts';
import { corsFor } from './middleware/cors.ts';
import { requestIdentity } from './middleware/request-id.ts';
import { requestLog } from './middleware/request-log.ts';
import { wellFormedUrl } from './middleware/text-check.ts';
import { completenessRoutes } from './routes/completeness.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { docsRoutes } from './routes/docs.ts';
import { documentRoutes } from './routes/documents.ts';
import { evaluationRoutes } from './routes/evaluation.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { historyRoutes } from './routes/history.ts';
import { importRoutes } from './routes/imports.ts';
import { indicatorRoutes } from './routes/indicators.ts';
import { jobRoutes } from './routes/jobs.ts';
import { periodRoutes } from './routes/periods.ts';
import { planUploadRoutes } from './routes/plan-uploads.ts';
import { planRoutes } from './routes/plans.ts';
import { progressRoutes } from './routes/progress.ts';
import { projectionRoutes } from './routes/projections.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { templateRoutes } from './routes/templates.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { userRoutes } from './routes/users.ts';
import { valueRoutes } from './routes/values.ts';
import { validationHook } from './validation.ts';

/** Who may write where (an admin always may); any other write needs a reporter. */
const WRITE_RULES: WriteRules = [
  [/^\/api\/v1\/(tokens|users|projections)(\/|$)/u, []],
  // A plan's table: administrators add plans.
  [/^\/api\/v1\/plans\/?$/u, []],
  [/^\/api\/v1\/plans\/[^/]+\/regions\/[^/]+\/years\/[^/]+\/submit\/?$/u, ['reporter']],
  [/^\/api\/v1\/plans\/[^/]+\/regions\/[^/]+\/years\/[^/]+\/(approve|reopen)\/?$/u, ['approver']],
  // Signing in needs nobody; signing out, whoever is signed in.
  [/^\/api\/v1\/sessions\/?$/u, null],
  // A table the caller sends, turned into a workbook: nothing is read or written, so anyone may.
  [/^\/api\/v1\/exports\/xlsx\/?$/u, null],
  [/^\/api\/v1\/sessions\//u, ['reporter', 'approver', 'reader']],
];

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
  app.use('/api/v1/*', authorizeWrites(deps, WRITE_RULES, routed));

  app.route('/', healthRoutes(deps));
  app.route('/', dashboardRoutes(deps));
  app.route('/api/v1', planRoutes(deps));
  app.route('/api/v1', documentRoutes(deps));
  app.route('/api/v1', planUploadRoutes(deps));
  app.route('/api/v1', completenessRoutes(deps));
  app.route('/api/v1', periodRoutes(deps));
  app.route('/api/v1', indicatorRoutes(deps));
  app.route('/api/v1', tokenRoutes(deps));
  app.route('/api/v1', userRoutes(deps));
  app.route('/api/v1', sessionRoutes(deps));
  app.route('/api/v1', importRoutes(deps));
  app.route('/api/v1', historyRoutes(deps));
  app.route('/api/v1', templateRoutes(deps));
  app.route('/api/v1', valueRoutes(deps));
  app.route('/api/v1', progressRoutes(deps));
  app.route('/api/v1', evaluationRoutes(deps));
  app.route('/api/v1', exportRoutes(deps));
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
              '各地“十二五”等五年信息化规划的指标目标、各年报送的实际值及其进展轨迹。每个错误都是 ' +
              'application/problem+json（RFC 9457），带稳定的 `code` 和中英文说明（`message.zh`、`message.en`）。\n\n' +
              'Targets of the Five-Year informatization plans (the 12th, 2011–2015, and any plan added since), ' +
              'reported values and their trajectories. Every error is application/problem+json (RFC 9457) with a ' +
              'stable `code` and a Chinese and English message.',
          },
        }),
      ),
    ),
  );
  app.notFound(notFoundHandler(app as never));
  app.onError(errorHandler(deps.logger));
  return app;
}
