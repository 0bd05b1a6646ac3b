import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCommands } from '../../src/commands/handle.ts';
import type { Database } from '../../src/database/schema.ts';
import type { Job } from '../../src/jobs/job.ts';
import { recalculateJob } from '../../src/jobs/job.ts';
import { listJobs } from '../../src/jobs/list-jobs.ts';
import { runJob } from '../../src/jobs/run-job.ts';
import { recalcScheduleFromEnv, startScheduler } from '../../src/jobs/scheduler.ts';
import { prepareDatabase } from '../../src/startup.ts';
import { catchUpFully } from '../projections/catch-up-fully.ts';
import { expectedStatuses, lianyungangValues, PLAN, reportCommands } from '../projections/lianyungang.ts';
import { openTestDatabase } from '../support/database.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Kysely<Database>;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
  await prepareDatabase(db);
  await catchUpFully(db);
});
afterAll(() => database?.close());

const runs = (job: string) =>
  db.selectFrom('job_runs').selectAll().where('job', '=', job).orderBy('id').execute();
const failing: Job = {
  name: 'always-fails',
  description: 'fails',
  run: async () => {
    throw new Error('the disk is full');
  },
};

describe('the recalculation job', () => {
  it('catches the projections up and recomputes every progress row, and records the run', async () => {
    // given values appended but not yet projected, and a row left stale (as after a change of method)
    await handleCommands(db, reportCommands(lianyungangValues));
    await db
      .updateTable('progress_rows')
      .set({ status: 'achieved', doc: JSON.stringify({ stale: true }) })
      .where('plan_id', '=', 'qingdao-12fyp')
      .execute();
    const result = await runJob(db, recalculateJob, { trigger: 'manual', instance: 'test' });
    expect(result).toMatchObject({ outcome: 'succeeded', details: { eventsApplied: expect.any(Number) } });
    // on a shared server the catch-up may stop short of other databases' open transactions (read-after.ts):
    // the statuses are checked at the end of the log, the recomputation on rows no event touches (Qingdao's)
    await catchUpFully(db);
    const targets = await db
      .selectFrom('progress_targets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(result.details?.rows).toBe(Number(targets.n));
    const rows = await db
      .selectFrom('progress_rows')
      .select(['plan_id', 'indicator_code', 'part', 'year', 'basis', 'status', 'doc'])
      .execute();
    const lianyungang = rows.filter((r) => r.plan_id === PLAN);
    expect(
      Object.fromEntries(
        lianyungang.map((r) => [
          `${r.indicator_code}|${r.part}|${r.year}${r.basis === 'annual_growth' ? '|growth' : ''}`,
          r.status,
        ]),
      ),
    ).toEqual(expectedStatuses);
    const qingdao = rows.filter((r) => r.plan_id === 'qingdao-12fyp');
    expect(qingdao.length).toBeGreaterThan(0);
    expect(qingdao.some((r) => 'stale' in r.doc)).toBe(false);

    const [run] = await runs('recalculate');
    expect(run).toMatchObject({
      trigger: 'manual',
      slot: null,
      instance: 'test',
      outcome: 'succeeded',
      error: null,
    });
    expect(run?.duration_ms).toBeGreaterThanOrEqual(0);
    expect(run?.finished_at).not.toBeNull();
  });

  it('records a failure with its error, and releases the lock for the next run', async () => {
    const first = await runJob(db, failing, { trigger: 'manual', instance: 'test' });
    expect(first).toMatchObject({ outcome: 'failed', reason: 'the disk is full' });
    const second = await runJob(db, failing, { trigger: 'manual', instance: 'test' });
    expect(second.outcome).toBe('failed');
    expect((await runs('always-fails')).map((r) => [r.outcome, r.error])).toEqual([
      ['failed', 'the disk is full'],
      ['failed', 'the disk is full'],
    ]);
  });

  it('runs a scheduled time once: a second run for the same slot is skipped', async () => {
    const slot = new Date('2026-11-23T02:00:00+08:00');
    const first = await runJob(db, recalculateJob, { trigger: 'schedule', slot, instance: 'a' });
    const second = await runJob(db, recalculateJob, { trigger: 'schedule', slot, instance: 'b' });
    expect([first.outcome, second.outcome]).toEqual(['succeeded', 'skipped']);
    expect(second.reason).toMatch(/already been done/);
  });

  it('lists the job with its last run, which a skipped run does not replace', async () => {
    const [job] = await listJobs(db);
    expect(job).toMatchObject({ name: 'recalculate', lastRun: { outcome: 'succeeded', instance: 'a' } });
    expect(job?.recentRuns[0]).toMatchObject({ outcome: 'skipped', instance: 'b' });
  });
});

describe('the scheduler', () => {
  it('reads RECALC_CRON (nightly by default, off to disable) and refuses an invalid one', async () => {
    expect(recalcScheduleFromEnv({})).toEqual({ schedule: '0 2 * * *', timezone: 'Asia/Shanghai' });
    expect(recalcScheduleFromEnv({ RECALC_CRON: 'off' })).toBeUndefined();
    await expect(startScheduler(db, { schedule: 'every night', timezone: 'UTC' })).rejects.toThrow(
      /RECALC_CRON/,
    );
  });

  it('runs the job on its schedule and registers the schedule for GET /jobs', async () => {
    const seen: string[] = [];
    const scheduler = await startScheduler(db, {
      schedule: '* * * * * *',
      timezone: 'UTC',
      instance: 'scheduler-test',
      onRun: (result) => seen.push(result.outcome),
    });
    const deadline = Date.now() + 10_000;
    while (seen.length < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await scheduler.stop();
    expect(seen[0]).toBe('succeeded');
    const [job] = await listJobs(db);
    expect(job).toMatchObject({ schedule: '* * * * * *', timezone: 'UTC' });
    const scheduled = (await runs('recalculate')).filter(
      (r) => r.trigger === 'schedule' && r.instance === 'scheduler-test',
    );
    expect(scheduled[0]?.slot).toBeInstanceOf(Date);
    expect(new Date(scheduled[0]?.slot as Date).getMilliseconds()).toBe(0);
  });
});
