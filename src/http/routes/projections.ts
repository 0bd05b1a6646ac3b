import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { projections } from '../../projections/index.ts';
import { rebuildProjections } from '../../projections/rebuild.ts';
import { authorizeAdmin } from '../auth/authorize.ts';
import type { AppDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import { Problem, problemResponses } from '../schemas/problem.ts';
import { RebuildResult } from '../schemas/progress.ts';

const names = projections.map((p) => p.name);

const ProjectionList = z
  .object({
    projections: z.array(
      z.object({
        name: z.string(),
        tables: z.array(z.string()),
        position: z
          .number()
          .int()
          .nullable()
          .openapi({ description: 'The last event applied (null: none yet)' }),
        updatedAt: z.string().nullable(),
        behind: z.number().int().openapi({ description: 'Events recorded after the checkpoint' }),
      }),
    ),
  })
  .openapi('ProjectionList');

const listRoute = createRoute({
  method: 'get',
  path: '/projections',
  tags: ['operations'],
  summary: 'Each read model, the log position it reflects and how many events it is behind',
  responses: {
    200: { description: 'The projections', content: { 'application/json': { schema: ProjectionList } } },
    ...problemResponses(401),
  },
});

const rebuildRoute = createRoute({
  method: 'post',
  path: '/projections/rebuild',
  tags: ['operations'],
  summary: 'Rebuild read models from position 0 into fresh tables, swapped in at the end (admin)',
  description:
    'Replays the whole log into fresh tables while readers keep using the old ones, then swaps them in within ' +
    'one transaction. Answers when the swap is done. Same as `npm run rebuild`.',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      projection: z
        .enum(names as [string, ...string[]])
        .optional()
        .openapi({ description: 'Only this projection (all by default)' }),
    }),
  },
  responses: {
    200: { description: 'Rebuilt', content: { 'application/json': { schema: RebuildResult } } },
    ...problemResponses(400, 401, 403),
    409: {
      description: 'A rebuild is already running in this process (rebuild_running)',
      content: { 'application/problem+json': { schema: Problem } },
    },
  },
});

export const projectionRoutes = (deps: AppDeps) => {
  let running = false;
  return new OpenAPIHono()
    .openapi(listRoute, async (c) => {
      const rows = await deps.db
        .selectFrom('projection_checkpoints as p')
        .select([
          'p.projection',
          'p.position',
          'p.updated_at',
          sql<number>`(SELECT count(*)::int FROM events e
            WHERE (e.transaction_id, e.position) > (p.transaction_id, p.position))`.as('behind'),
        ])
        .execute();
      const byName = new Map(rows.map((r) => [r.projection, r]));
      const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(deps.db);
      return c.json(
        {
          projections: projections.map((p) => {
            const row = byName.get(p.name);
            return {
              name: p.name,
              tables: [...p.tables],
              position: row && Number(row.position) > 0 ? Number(row.position) : null,
              updatedAt: row ? new Date(row.updated_at).toISOString() : null,
              behind: row ? Number(row.behind) : Number(total.rows[0]?.n ?? 0),
            };
          }),
        },
        200,
      );
    })
    .openapi(rebuildRoute, async (c) => {
      await authorizeAdmin(c, deps);
      const { projection } = c.req.valid('query');
      if (running) {
        return problem(c, 409, 'rebuild_running', {
          zh: '重建正在进行中',
          en: 'a rebuild is already running',
        }) as never;
      }
      running = true;
      try {
        const chosen = projection ? projections.filter((p) => p.name === projection) : projections;
        return c.json(await rebuildProjections(deps.db, chosen), 200);
      } finally {
        running = false;
      }
    });
};
