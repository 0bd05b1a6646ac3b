import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { migrationsAreCurrent } from '../../database/migrate.ts';
import type { AppDeps } from '../deps.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'The process is alive',
  responses: {
    200: {
      description: 'Alive',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
});

const readyRoute = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['operations'],
  summary: 'The database answers and its migrations are current',
  responses: {
    200: {
      description: 'Ready',
      content: { 'application/json': { schema: z.object({ status: z.literal('ready') }) } },
    },
    503: {
      description: 'Not ready',
      content: {
        'application/json': { schema: z.object({ status: z.literal('unavailable'), reason: z.string() }) },
      },
    },
  },
});

export const healthRoutes = (deps: AppDeps) =>
  new OpenAPIHono()
    .openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readyRoute, async (c) => {
      if (deps.draining?.()) return c.json({ status: 'unavailable' as const, reason: 'shutting down' }, 503);
      try {
        await sql`SELECT 1`.execute(deps.db);
        if (!(await migrationsAreCurrent(deps.db))) {
          return c.json({ status: 'unavailable' as const, reason: 'migrations pending' }, 503);
        }
        return c.json({ status: 'ready' as const }, 200);
      } catch (error) {
        return c.json({ status: 'unavailable' as const, reason: (error as Error).message }, 503);
      }
    });
