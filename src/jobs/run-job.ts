import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { Job } from './job.ts';

export type JobOutcome = 'succeeded' | 'failed' | 'skipped';

export interface JobRunResult {
  outcome: JobOutcome;
  runId: number;
  durationMs: number;
  /** Why it was skipped, or the error it failed with. */
  reason?: string;
  details?: Record<string, unknown>;
}

export interface RunOptions {
  trigger: 'schedule' | 'manual';
  /** The scheduled time this run is for: a slot runs once, whichever instance gets there first. */
  slot?: Date | null;
  /** Who runs it (host:pid), for the job-runs table. */
  instance: string;
}

/**
 * Runs a job at most once at a time across every instance on the database: a PostgreSQL session advisory lock
 * (pg_try_advisory_lock) taken on a connection of its own, held for the run. An instance that does not get the
 * lock, or that comes for a slot already run, records a skipped run and returns. Every run is recorded with its
 * duration, outcome and error.
 */
export async function runJob(db: Kysely<Database>, job: Job, options: RunOptions): Promise<JobRunResult> {
  const slot = options.slot ?? null;
  return db.connection().execute(async (conn) => {
    const started = performance.now();
    const record = (outcome: JobOutcome | 'running', extra: { error?: string; details?: unknown } = {}) =>
      conn
        .insertInto('job_runs')
        .values({
          job: job.name,
          trigger: options.trigger,
          slot,
          instance: options.instance,
          outcome,
          error: extra.error ?? null,
          details: extra.details === undefined ? null : JSON.stringify(extra.details),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const skip = async (reason: string): Promise<JobRunResult> => {
      const { id } = await record('skipped', { details: { reason } });
      return { outcome: 'skipped', runId: Number(id), durationMs: 0, reason };
    };

    const { rows } = await sql<{ locked: boolean }>`
      SELECT pg_try_advisory_lock(hashtext(${`plan-monitor:job:${job.name}`})) AS locked`.execute(conn);
    if (!rows[0]?.locked) return skip('another instance is running this job');
    try {
      if (slot) {
        const done = await conn
          .selectFrom('job_runs')
          .select('id')
          .where('job', '=', job.name)
          .where('slot', '=', slot)
          .where('outcome', 'in', ['running', 'succeeded'])
          .executeTakeFirst();
        if (done) return skip(`the run scheduled for ${slot.toISOString()} has already been done`);
      }
      let runId: number;
      try {
        runId = Number((await record('running')).id);
      } catch (error) {
        // The unique index on (job, slot): another instance recorded this slot between our check and insert.
        if ((error as { code?: string }).code === '23505') return skip('another instance took this slot');
        throw error;
      }
      const finish = async (
        outcome: JobOutcome,
        extra: { error?: string; details?: Record<string, unknown> },
      ) => {
        const durationMs = Math.round(performance.now() - started);
        await conn
          .updateTable('job_runs')
          .set({
            outcome,
            finished_at: sql<Date>`clock_timestamp()`,
            duration_ms: durationMs,
            error: extra.error ?? null,
            details: extra.details ? JSON.stringify(extra.details) : null,
          })
          .where('id', '=', runId)
          .execute();
        return { outcome, runId, durationMs, ...(extra.error ? { reason: extra.error } : {}), ...extra };
      };
      try {
        return await finish('succeeded', { details: await job.run(conn) });
      } catch (error) {
        return await finish('failed', { error: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtext(${`plan-monitor:job:${job.name}`}))`.execute(conn);
    }
  });
}
