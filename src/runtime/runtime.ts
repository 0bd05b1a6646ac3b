import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { OpenDatabase } from '../database/open-database.ts';
import type { Database } from '../database/schema.ts';

/**
 * Everything that differs between running on Node and on Cloudflare Workers, in one place. Each entry point
 * (src/server.ts, src/worker.ts) builds one and hands the rest of the code what it takes from it; nothing else
 * asks where it runs.
 */
export interface Runtime {
  /**
   * A database for a unit of work, closed by the caller. Node opens it once for the process (the embedded PGlite,
   * or a pool on DATABASE_URL). Workers open a small pool over Hyperdrive per request or cron event: a Worker may
   * not carry a connection from one request into the next, and Hyperdrive keeps the real connections warm.
   */
  openDatabase(): Promise<OpenDatabase>;
  /** Structured JSON logs: pino to stdout on Node; pino's console writer on Workers (Workers Logs). */
  readonly logger: Logger;
  /** The largest upload accepted, in bytes (MAX_UPLOAD_BYTES, else this runtime's default). */
  readonly maxUploadBytes: number;
  /** Triggers the scheduled jobs. */
  readonly scheduler: Scheduler;
}

/** How the scheduled jobs (src/jobs) get triggered. */
export interface Scheduler {
  /**
   * Node: node-cron timers in this process (RECALC_CRON, RECALC_TZ; src/jobs/scheduler.ts). Workers: nothing to
   * start, since a Worker runs no timers: the Cron Triggers in wrangler.toml call the worker's scheduled handler.
   * Either way a run takes the job's PostgreSQL advisory lock, so of several instances only one runs it.
   */
  start(db: Kysely<Database>): Promise<{ stop(): Promise<void> }>;
}
