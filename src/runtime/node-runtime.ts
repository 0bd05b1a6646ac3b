import pino, { type Logger } from 'pino';
import { type EnvDatabase, openDatabaseFromEnv } from '../database/open-from-env.ts';
import { appConfigFromEnv } from '../http/config-from-env.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../http/middleware/body-limit.ts';
import { recalculateJob } from '../jobs/job.ts';
import { recalcScheduleFromEnv, startScheduler } from '../jobs/scheduler.ts';
import type { Runtime, Scheduler } from './runtime.ts';

/**
 * The nightly trend recalculation on node-cron (RECALC_CRON, default 02:00; RECALC_TZ, default Asia/Shanghai;
 * RECALC_CRON=off: none), its runs logged.
 */
export function nodeCronScheduler(env: Record<string, string | undefined>, logger: Logger): Scheduler {
  return {
    async start(db) {
      const schedule = recalcScheduleFromEnv(env);
      if (!schedule) {
        logger.info('RECALC_CRON=off: no scheduled recalculation in this process');
        return { stop: async () => {} };
      }
      const scheduler = await startScheduler(db, {
        ...schedule,
        onRun: (result) => logger.info({ job: recalculateJob.name, ...result }, 'job run'),
        onError: (error) => logger.error({ err: error }, 'job could not run'),
      });
      logger.info({ schedule: scheduler.schedule, nextRun: scheduler.nextRun() }, 'recalculation scheduled');
      return scheduler;
    },
  };
}

export interface NodeRuntime extends Runtime {
  /** With the embedded database, this process's lock on DATA_DIR comes with it (src/database/data-dir-lock.ts). */
  openDatabase(): Promise<EnvDatabase>;
}

/**
 * The Node runtime: the embedded database under DATA_DIR (owned by this process while it runs: a second process
 * is refused) or the PostgreSQL server of DATABASE_URL, pino JSON lines on stdout, uploads up to MAX_UPLOAD_BYTES
 * (20 MB by default; larger workbooks are read streaming), node-cron.
 */
export function nodeRuntime(env: Record<string, string | undefined>): NodeRuntime {
  const { maxUploadBytes } = appConfigFromEnv(env);
  const logger = pino({ level: env.LOG_LEVEL || 'info', base: { service: 'plan-monitor' } });
  return {
    openDatabase: () =>
      openDatabaseFromEnv(env, {
        role: 'service',
        command: 'npm start',
        log: (message, fields) => logger.warn(fields, message),
      }),
    logger,
    maxUploadBytes: maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    scheduler: nodeCronScheduler(env, logger),
  };
}
