import { OpenAPIHono } from '@hono/zod-openapi';
import { readAccess } from './auth/authorize.ts';
import type { AppDeps } from './deps.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { bodyLimits } from './middleware/body-limit.ts';
import { corsFor } from './middleware/cors.ts';
import { requestIdentity } from './middleware/request-id.ts';
import { requestLog } from './middleware/request-log.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { docsRoutes } from './routes/docs.ts';
import { documentRoutes } from './routes/documents.ts';
import { evaluationRoutes } from './routes/evaluation.ts';
import { healthRoutes } from './routes/health.ts';
import { historyRoutes } from './routes/history.ts';
import { importRoutes } from './routes/imports.ts';
import { jobRoutes } from './routes/jobs.ts';
import { planUploadRoutes } from './routes/plan-uploads.ts';
import { planRoutes } from './routes/plans.ts';
import { progressRoutes } from './routes/progress.ts';
import { projectionRoutes } from './routes/projections.ts';
import { templateRoutes } from './routes/templates.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { valueRoutes } from './routes/values.ts';
import { validationHook } from './validation.ts';

/** The whole HTTP surface, the same on Node and on Workers. */
export function createApp(deps: AppDeps) {
  // The defaultHook reaches every route module mounted below: a failed zod schema is one problem shape.
  const app = new OpenAPIHono({ defaultHook: validationHook });
  // Taken from a proxy's X-Request-Id when it sent a sane one, else made here; echoed on every response.
  app.use('*', requestIdentity());
  if (deps.logger) app.use('*', requestLog(deps.logger));
  const cors = corsFor(deps.config.corsOrigins);
  if (cors) app.use('*', cors);
  app.use('*', bodyLimits(deps.config));
  app.use('/api/v1/*', readAccess(deps, ['/api/v1/openapi.json']));

  app.route('/', healthRoutes(deps));
  app.route('/', dashboardRoutes(deps));
  app.route('/api/v1', planRoutes(deps));
  app.route('/api/v1', documentRoutes(deps));
  app.route('/api/v1', planUploadRoutes(deps));
  app.route('/api/v1', tokenRoutes(deps));
  app.route('/api/v1', importRoutes(deps));
  app.route('/api/v1', historyRoutes(deps));
  app.route('/api/v1', templateRoutes(deps));
  app.route('/api/v1', valueRoutes(deps));
  app.route('/api/v1', progressRoutes(deps));
  app.route('/api/v1', evaluationRoutes(deps));
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
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'plan-monitor',
          version: '1',
          description:
            '各地“十二五”等五年信息化规划的指标目标、各年报送的实际值及其进展轨迹。每个错误都是 ' +
            'application/problem+json（RFC 9457），带稳定的 `code` 和中英文说明（`message.zh`、`message.en`）。\n\n' +
            'Targets of the Five-Year informatization plans (the 12th, 2011–2015, and any plan added since), reported ' +
            'values and their trajectories. Every error is application/problem+json (RFC 9457) with a stable `code` ' +
            'and a Chinese and English message.',
        },
      }),
    ),
  );
  app.notFound(notFoundHandler(app as never));
  app.onError(errorHandler(deps.logger));
  return app;
}
