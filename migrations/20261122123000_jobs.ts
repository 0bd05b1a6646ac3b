import { type Kysely, sql } from 'kysely';

// Scheduled jobs (src/jobs): each job's schedule as the running instances registered it, and every run.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE jobs (
      name         text PRIMARY KEY,
      description  text NOT NULL,
      schedule     text NOT NULL,
      timezone     text NOT NULL,
      next_run_at  timestamptz,
      updated_at   timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE job_runs (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      job          text NOT NULL,
      trigger      text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
      slot         timestamptz,
      instance     text NOT NULL,
      started_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
      finished_at  timestamptz,
      duration_ms  integer,
      outcome      text NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed', 'skipped')),
      error        text,
      details      jsonb
    )`.execute(db);
  // However the instances race, a scheduled time (slot) runs at most once (a failed run may be retried).
  await sql`
    CREATE UNIQUE INDEX job_runs_once_per_slot ON job_runs (job, slot)
    WHERE slot IS NOT NULL AND outcome IN ('running', 'succeeded')`.execute(db);
  await sql`CREATE INDEX job_runs_latest ON job_runs (job, id DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE job_runs`.execute(db);
  await sql`DROP TABLE jobs`.execute(db);
}
