import cron, { type ScheduledTask } from 'node-cron';
import pino from 'pino';
import { openDatabaseFromEnv } from '../database/open-from-env.ts';
import { appConfigFromEnv } from '../http/config-from-env.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../http/middleware/body-limit.ts';
import type { Runtime, Scheduler } from './runtime.ts';

/** node-cron timers in this process; a run still going when the next is due is skipped, not overlapped. */
export function nodeCronScheduler(options: { timezone?: string } = {}): Scheduler {
  const tasks: ScheduledTask[] = [];
  return {
    schedule(job) {
      tasks.push(
        cron.schedule(job.cron, () => job.run(), {
          name: job.name,
          noOverlap: true,
          ...(options.timezone ? { timezone: options.timezone } : {}),
        }),
      );
    },
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
      tasks.length = 0;
    },
  };
}

/**
 * The Node runtime: the embedded database under DATA_DIR or the PostgreSQL server of DATABASE_URL, pino JSON lines
 * on stdout, uploads up to MAX_UPLOAD_BYTES (20 MB by default; larger workbooks are read streaming), node-cron.
 */
export function nodeRuntime(env: Record<string, string | undefined>): Runtime {
  const { maxUploadBytes } = appConfigFromEnv(env);
  return {
    name: 'node',
    openDatabase: () => openDatabaseFromEnv(env),
    logger: pino({ level: env.LOG_LEVEL || 'info', base: { service: 'plan-monitor' } }),
    maxUploadBytes: maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    scheduler: nodeCronScheduler(),
  };
}
