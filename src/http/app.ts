import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from './deps.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { healthRoutes } from './routes/health.ts';
import { planRoutes } from './routes/plans.ts';
import { validationHook } from './validation.ts';

/** The whole HTTP surface, the same on Node and on Workers. */
export function createApp(deps: AppDeps) {
  // The defaultHook reaches every route module mounted below: a failed zod schema is one problem shape.
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.route('/', healthRoutes(deps));
  app.route('/api/v1', planRoutes(deps));
  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'plan-monitor',
      version: '1',
      description:
        'Targets of the 12th Five-Year informatization plans, reported values and their trajectories.',
    },
  });
  app.notFound(notFoundHandler(app as never));
  app.onError(errorHandler(deps.logger));
  return app;
}
