import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import cron, { type ScheduledTask } from 'node-cron';
import type { Database } from '../database/schema.ts';
import { type Job, recalculateJob } from './job.ts';
import { type JobRunResult, runJob } from './run-job.ts';

export interface SchedulerOptions {
  /** A cron expression (node-cron: five fields, or six with seconds first). */
  schedule: string;
  timezone: string;
  instance?: string;
  job?: Job;
  /** Told about every run, for logs. */
  onRun?: (result: JobRunResult) => void;
  onError?: (error: unknown) => void;
}

export interface Scheduler {
  job: string;
  schedule: string;
  timezone: string;
  nextRun(): Date | null;
  /** Stops the schedule and waits for a run in progress. */
  stop(): Promise<void>;
}

/** The recalculation's schedule from the environment: RECALC_CRON (default nightly at 02:00), RECALC_TZ. */
export function recalcScheduleFromEnv(env: Record<string, string | undefined>): SchedulerOptions | undefined {
  const schedule = env.RECALC_CRON?.trim() || '0 2 * * *';
  if (schedule === 'off') return undefined;
  return { schedule, timezone: env.RECALC_TZ?.trim() || 'Asia/Shanghai' };
}

export const defaultInstance = () => `${hostname()}:${process.pid}`;

/**
 * Schedules a job with node-cron (Node only; Workers use a Cron Trigger). noOverlap keeps this process from
 * starting a run while its last one is still going; runJob's advisory lock and slot record keep several
 * instances from running the same scheduled time twice. The schedule is recorded in the jobs table for
 * GET /api/v1/jobs.
 */
export async function startScheduler(db: Kysely<Database>, options: SchedulerOptions): Promise<Scheduler> {
  const job = options.job ?? recalculateJob;
  if (!cron.validate(options.schedule)) {
    throw new Error(
      `RECALC_CRON: "${options.schedule}" is not a cron expression (e.g. "0 2 * * *" for 02:00 daily)`,
    );
  }
  const instance = options.instance ?? defaultInstance();
  let running: Promise<unknown> = Promise.resolve();
  let task: ScheduledTask | undefined;
  const register = () =>
    db
      .insertInto('jobs')
      .values({
        name: job.name,
        description: job.description,
        schedule: options.schedule,
        timezone: options.timezone,
        next_run_at: task?.getNextRun() ?? null,
      })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet((eb) => ({
          description: eb.ref('excluded.description'),
          schedule: eb.ref('excluded.schedule'),
          timezone: eb.ref('excluded.timezone'),
          next_run_at: eb.ref('excluded.next_run_at'),
          updated_at: new Date(),
        })),
      )
      .execute();
  task = cron.createTask(
    options.schedule,
    async (context) => {
      const run = (async () => {
        try {
          // The scheduled time, to the second: every instance computes the same slot for the same firing.
          const slot = new Date(Math.floor(context.date.getTime() / 1000) * 1000);
          options.onRun?.(await runJob(db, job, { trigger: 'schedule', slot, instance }));
          await register();
        } catch (error) {
          options.onError?.(error);
        }
      })();
      running = run;
      await run;
    },
    { name: `${job.name}@${instance}`, timezone: options.timezone, noOverlap: true },
  );
  await task.start();
  await register();
  return {
    job: job.name,
    schedule: options.schedule,
    timezone: options.timezone,
    nextRun: () => task?.getNextRun() ?? null,
    async stop() {
      await task?.stop();
      await task?.destroy();
      await running;
    },
  };
}
