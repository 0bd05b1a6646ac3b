import pino from 'pino';
import { openPostgres } from '../database/connect-postgres.ts';
import { appConfigFromEnv } from '../http/config-from-env.ts';
import { DEFAULT_IMPORT_LIMITS } from '../imports/limits.ts';
import type { Runtime, ScheduledJob, Scheduler } from './runtime.ts';

/** The bindings and variables the worker reads (wrangler.toml; ADMIN_TOKEN as a secret). */
export interface WorkerEnv {
  /** Hyperdrive in front of the PostgreSQL server: its connectionString reaches the pooler. */
  HYPERDRIVE: { connectionString: string };
  ADMIN_TOKEN?: string;
  READ_ACCESS?: string;
  CORS_ORIGINS?: string;
  MAX_UPLOAD_BYTES?: string;
  MAX_BODY_BYTES?: string;
  LOG_LEVEL?: string;
  RECALC_CRON?: string;
}

/**
 * On Workers exceljs resolves to its browser build, which reads whole workbooks only (no streaming reader), in an
 * isolate of 128 MB. Uploads therefore stop where the Node server would switch to streaming.
 */
export const WORKERS_MAX_UPLOAD_BYTES = DEFAULT_IMPORT_LIMITS.streamingAboveBytes;

// Connections one request may hold at once; a Worker may have six sockets open, and Hyperdrive pools the real ones.
const CONNECTIONS_PER_REQUEST = 5;

/** The variables as plain strings, for the parsers shared with Node (bindings are objects, not configuration). */
export function variablesOf(env: WorkerEnv): Record<string, string | undefined> {
  const variables: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') variables[name] = value;
  return variables;
}

export interface WorkersScheduler extends Scheduler {
  /** Runs the job scheduled on this cron expression (the ScheduledController's `cron`). */
  dispatch(cron: string): Promise<void>;
}

/** Cron Triggers call the worker; this keeps which job belongs to which expression. */
export function cronTriggerScheduler(): WorkersScheduler {
  const jobs = new Map<string, ScheduledJob>();
  return {
    schedule(job) {
      jobs.set(job.cron, job);
    },
    async stop() {},
    async dispatch(cron) {
      const job = jobs.get(cron);
      if (!job) {
        const known = [...jobs.keys()].join(', ') || 'none';
        throw new Error(
          `no job is scheduled on "${cron}" (scheduled: ${known}); check [triggers] in wrangler.toml`,
        );
      }
      await job.run();
    },
  };
}

/** One JSON line per entry through console, which Workers Logs collect; the level picks the console method. */
function workersLogger(level: string): pino.Logger {
  return pino({
    level,
    browser: {
      asObject: true,
      write: (entry) => {
        const line = JSON.stringify(entry);
        const numeric = (entry as { level?: number }).level ?? 30;
        if (numeric >= 50) console.error(line);
        else if (numeric >= 40) console.warn(line);
        else console.log(line);
      },
    },
  }).child({ service: 'plan-monitor', runtime: 'workers' });
}

/** The Workers runtime for one request or cron event. PostgreSQL only: there is no PGlite on Workers. */
export function workersRuntime(env: WorkerEnv): Runtime & { scheduler: WorkersScheduler } {
  const variables = variablesOf(env);
  const { maxUploadBytes = WORKERS_MAX_UPLOAD_BYTES } = appConfigFromEnv({
    ...variables,
    MAX_UPLOAD_BYTES: variables.MAX_UPLOAD_BYTES || String(WORKERS_MAX_UPLOAD_BYTES),
  });
  if (maxUploadBytes > WORKERS_MAX_UPLOAD_BYTES) {
    throw new Error(
      `MAX_UPLOAD_BYTES ${maxUploadBytes} is above what a Worker can read (${WORKERS_MAX_UPLOAD_BYTES} bytes: ` +
        'whole-workbook reading only, 128 MB isolates); run the Node server for larger workbooks',
    );
  }
  if (!env.HYPERDRIVE?.connectionString) {
    throw new Error('the HYPERDRIVE binding is missing: the worker needs PostgreSQL through Hyperdrive');
  }
  return {
    name: 'workers',
    async openDatabase() {
      return openPostgres(env.HYPERDRIVE.connectionString, { max: CONNECTIONS_PER_REQUEST });
    },
    logger: workersLogger(variables.LOG_LEVEL || 'info'),
    maxUploadBytes,
    scheduler: cronTriggerScheduler(),
  };
}
