import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listJobs } from '../../jobs/list-jobs.ts';
import type { AppDeps } from '../deps.ts';
import { problemResponses } from '../schemas/problem.ts';

const JobRun = z
  .object({
    id: z.number().int(),
    trigger: z.enum(['schedule', 'manual']),
    slot: z
      .string()
      .nullable()
      .openapi({ description: 'The scheduled time the run was for (null: by hand)' }),
    instance: z.string().openapi({ description: 'host:pid of the instance that ran it' }),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    outcome: z.enum(['running', 'succeeded', 'failed', 'skipped']),
    error: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('JobRun');

const JobList = z
  .object({
    jobs: z.array(
      z.object({
        name: z.string().openapi({ example: 'recalculate' }),
        description: z.string(),
        schedule: z
          .string()
          .nullable()
          .openapi({ description: 'Cron expression (RECALC_CRON)', example: '0 2 * * *' }),
        timezone: z.string().nullable().openapi({ example: 'Asia/Shanghai' }),
        nextRunAt: z.string().nullable(),
        lastRun: JobRun.nullable().openapi({ description: 'The latest run that was not skipped' }),
        recentRuns: z.array(JobRun),
      }),
    ),
  })
  .openapi('JobList');

const listRoute = createRoute({
  method: 'get',
  path: '/jobs',
  tags: ['operations'],
  summary: "Each scheduled job: schedule, next run, last run's duration, outcome and error, and recent runs",
  description:
    'The nightly trend recalculation runs on RECALC_CRON (default 02:00 Asia/Shanghai), never overlapping ' +
    'itself, and under a PostgreSQL advisory lock so that of several instances only one runs each scheduled ' +
    'time; the others record a skipped run. `npm run recalc` runs it once by hand.',
  responses: {
    200: { description: 'The jobs', content: { 'application/json': { schema: JobList } } },
    ...problemResponses(401),
  },
});

export const jobRoutes = (deps: AppDeps) =>
  new OpenAPIHono().openapi(listRoute, async (c) => c.json({ jobs: await listJobs(deps.db) }, 200));
