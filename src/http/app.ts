import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from './deps.ts';
import { problem } from './problem.ts';
import { healthRoutes } from './routes/health.ts';
import { planRoutes } from './routes/plans.ts';

/** The whole HTTP surface, the same on Node and on Workers. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono();
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
  app.notFound((c) =>
    problem(c, 404, 'route_not_found', {
      zh: `没有这个地址：${c.req.method} ${c.req.path}`,
      en: `no such route: ${c.req.method} ${c.req.path}`,
    }),
  );
  app.onError((error, c) => {
    console.error(error);
    return problem(c, 500, 'internal_error', { zh: '服务器内部错误', en: 'internal server error' });
  });
  return app;
}
