import type pino from 'pino';
import { openPostgres } from '../database/connect-postgres.ts';
import { recalculateJob } from '../jobs/job.ts';
import { type JobRunResult, runJob } from '../jobs/run-job.ts';
import type { Scheduler } from './runtime.ts';

/** What a Cron Trigger hands the scheduled handler (the ScheduledController, without the Workers types). */
export interface CronEvent {
  cron: string;
  /** The time the trigger was scheduled for, in milliseconds since the epoch. */
  scheduledTime: number;
}

export interface CronTriggerScheduler extends Scheduler {
  /**
   * Runs the recalculation for a Cron Trigger's event: recorded in job_runs, under the job's advisory lock, for the
   * slot of the event's scheduled time (a trigger delivered twice runs once). Throws when it could not run or
   * failed, so that the platform records the event as failed too.
   */
  onCronTrigger(event: CronEvent): Promise<JobRunResult>;
}

/**
 * A Worker runs no timers: the Cron Triggers in wrangler.toml call it, and each runs the recalculation.
 *
 * The job does not go through Hyperdrive: Hyperdrive pools in transaction mode, so consecutive statements of one
 * client may reach different server sessions, and a session-level advisory lock (what keeps the job single across
 * instances, src/jobs/run-job.ts) could be taken on one session and released on another. The job therefore
 * connects to the server directly (JOBS_DATABASE_URL), one session for the whole run, as the Node server does.
 */
export function cronTriggerScheduler(options: {
  jobsDatabaseUrl: string | undefined;
  logger: pino.Logger;
  instance: string;
}): CronTriggerScheduler {
  return {
    async start() {
      return { stop: async () => {} };
    },
    async onCronTrigger(event) {
      if (!options.jobsDatabaseUrl) {
        throw new Error(
          'JOBS_DATABASE_URL is not set: the scheduled recalculation needs a direct connection to PostgreSQL ' +
            '(its advisory lock does not survive Hyperdrive’s transaction pooling); ' +
            'set it with `npx wrangler secret put JOBS_DATABASE_URL`',
        );
      }
      // The job's lock, its run record and the recalculation share one session: one connection is enough.
      const database = openPostgres(options.jobsDatabaseUrl, { max: 2 });
      try {
        // To the second, as the Node scheduler does, so that a slot means the same on both.
        const slot = new Date(Math.floor(event.scheduledTime / 1000) * 1000);
        const result = await runJob(database.db, recalculateJob, {
          trigger: 'schedule',
          slot,
          instance: options.instance,
        });
        options.logger.info({ job: recalculateJob.name, cron: event.cron, ...result }, 'scheduled job run');
        if (result.outcome === 'failed') throw new Error(`${recalculateJob.name} failed: ${result.reason}`);
        return result;
      } finally {
        await database.close();
      }
    },
  };
}
