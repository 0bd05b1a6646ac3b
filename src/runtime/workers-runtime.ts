import { openPostgres } from '../database/connect-postgres.ts';
import { appConfigFromEnv } from '../http/config-from-env.ts';
import { DEFAULT_IMPORT_LIMITS } from '../imports/limits.ts';
import { type CronTriggerScheduler, cronTriggerScheduler } from './cron-trigger-scheduler.ts';
import type { Runtime } from './runtime.ts';
import type { AssetsBinding } from './workers-assets.ts';
import { workersLogger } from './workers-logger.ts';

/** The bindings and variables the worker reads (wrangler.toml; ADMIN_TOKEN as a secret). */
export interface WorkerEnv {
  /** Hyperdrive in front of the PostgreSQL server: its connectionString reaches the pooler. */
  HYPERDRIVE: { connectionString: string };
  /** The dashboard's files (wrangler.toml [assets]). */
  ASSETS?: AssetsBinding;
  /** The PostgreSQL server itself, for the scheduled job's session (a secret; see cron-trigger-scheduler.ts). */
  JOBS_DATABASE_URL?: string;
  ADMIN_TOKEN?: string;
  READ_ACCESS?: string;
  CORS_ORIGINS?: string;
  MAX_UPLOAD_BYTES?: string;
  MAX_BODY_BYTES?: string;
  LOG_LEVEL?: string;
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

/** The Workers runtime, built once per isolate. PostgreSQL only: there is no PGlite on Workers. */
export function workersRuntime(env: WorkerEnv): Runtime & { scheduler: CronTriggerScheduler } {
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
  const logger = workersLogger(variables.LOG_LEVEL || 'info');
  // job_runs names who ran a job; an isolate has no host name or pid, so it names itself.
  const instance = `workers:${crypto.randomUUID().slice(0, 8)}`;
  return {
    async openDatabase() {
      return openPostgres(env.HYPERDRIVE.connectionString, { max: CONNECTIONS_PER_REQUEST });
    },
    logger,
    maxUploadBytes,
    scheduler: cronTriggerScheduler({ jobsDatabaseUrl: env.JOBS_DATABASE_URL, logger, instance }),
  };
}
