import type { Kysely, Selectable } from 'kysely';
import type { Database, JobRunsTable } from '../database/schema.ts';
import { jobs } from './job.ts';

export interface JobRunView {
  id: number;
  trigger: JobRunsTable['trigger'];
  slot: string | null;
  instance: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  outcome: JobRunsTable['outcome'];
  error: string | null;
  details: Record<string, unknown> | null;
}

export interface JobView {
  name: string;
  description: string;
  /** As a running scheduler registered it; null when no instance schedules the job (e.g. on Workers). */
  schedule: string | null;
  timezone: string | null;
  nextRunAt: string | null;
  /** The latest run that was not skipped. */
  lastRun: JobRunView | null;
  /** The latest runs, skipped ones included, newest first. */
  recentRuns: JobRunView[];
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function runView(row: Selectable<JobRunsTable>): JobRunView {
  return {
    id: Number(row.id),
    trigger: row.trigger,
    slot: iso(row.slot),
    instance: row.instance,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: iso(row.finished_at),
    durationMs: row.duration_ms,
    outcome: row.outcome,
    error: row.error,
    details: row.details,
  };
}

/** Every known job: schedule, next run, last run (duration, outcome, error) and the latest runs. */
export async function listJobs(db: Kysely<Database>, recent = 10): Promise<JobView[]> {
  const schedules = new Map(
    (await db.selectFrom('jobs').selectAll().execute()).map((row) => [row.name, row]),
  );
  return Promise.all(
    jobs.map(async (job) => {
      const [latest, lastRun] = await Promise.all([
        db
          .selectFrom('job_runs')
          .selectAll()
          .where('job', '=', job.name)
          .orderBy('id', 'desc')
          .limit(recent)
          .execute(),
        db
          .selectFrom('job_runs')
          .selectAll()
          .where('job', '=', job.name)
          .where('outcome', '!=', 'skipped')
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst(),
      ]);
      const schedule = schedules.get(job.name);
      return {
        name: job.name,
        description: job.description,
        schedule: schedule?.schedule ?? null,
        timezone: schedule?.timezone ?? null,
        nextRunAt: iso(schedule?.next_run_at ?? null),
        lastRun: lastRun ? runView(lastRun) : null,
        recentRuns: latest.map(runView),
      };
    }),
  );
}
