import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenDatabase, openPostgres } from '../../src/database/connect.ts';
import { type Job, recalculateJob } from '../../src/jobs/job.ts';
import { type JobRunResult, runJob } from '../../src/jobs/run-job.ts';
import { startScheduler } from '../../src/jobs/scheduler.ts';
import { prepareDatabase } from '../../src/startup.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';

/** The recalculation, made to last long enough that two instances certainly overlap. */
const slowRecalculation: Job = {
  ...recalculateJob,
  run: async (db) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    return recalculateJob.run(db);
  },
};

describe.skipIf(testEngine === 'pglite')(
  'two instances on one PostgreSQL (PostgreSQL only: PGlite is one connection in one process, so there is no second instance to keep out)',
  () => {
    let first: Awaited<ReturnType<typeof openTestDatabase>>;
    let second: OpenDatabase;

    beforeAll(async () => {
      first = await openTestDatabase();
      await prepareDatabase(first.db);
      // another instance: its own pool on the same database
      second = openPostgres(first.url as string, { max: 5 });
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
    });

    const runsOf = (instanceA: string, instanceB: string) =>
      first.db
        .selectFrom('job_runs')
        .selectAll()
        .where('instance', 'in', [instanceA, instanceB])
        .orderBy('id')
        .execute();

    it('given both fire for the same scheduled time, the job runs once', async () => {
      const slot = new Date('2026-11-23T02:00:00+08:00');
      const results = await Promise.all([
        runJob(first.db, slowRecalculation, { trigger: 'schedule', slot, instance: 'one' }),
        runJob(second.db, slowRecalculation, { trigger: 'schedule', slot, instance: 'two' }),
      ]);
      expect(results.map((r) => r.outcome).sort()).toEqual(['skipped', 'succeeded']);
      const runs = await runsOf('one', 'two');
      expect(runs.filter((r) => r.outcome === 'succeeded')).toHaveLength(1);
      expect(runs.find((r) => r.outcome === 'skipped')?.details).toMatchObject({
        reason: 'another instance is running this job',
      });
    });

    it('given both are run by hand at once, the advisory lock lets one through', async () => {
      const results = await Promise.all([
        runJob(first.db, slowRecalculation, { trigger: 'manual', instance: 'cli-one' }),
        runJob(second.db, slowRecalculation, { trigger: 'manual', instance: 'cli-two' }),
      ]);
      expect(results.map((r) => r.outcome).sort()).toEqual(['skipped', 'succeeded']);
    });

    it('given two schedulers firing every second, each scheduled time runs exactly once', async () => {
      const outcomes: JobRunResult[] = [];
      const options = { schedule: '* * * * * *', timezone: 'UTC', job: slowRecalculation };
      const schedulers = await Promise.all([
        startScheduler(first.db, { ...options, instance: 'node-a', onRun: (r) => outcomes.push(r) }),
        startScheduler(second.db, { ...options, instance: 'node-b', onRun: (r) => outcomes.push(r) }),
      ]);
      const deadline = Date.now() + 15_000;
      while (outcomes.filter((r) => r.outcome === 'succeeded').length < 3 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await Promise.all(schedulers.map((s) => s.stop()));

      const runs = await runsOf('node-a', 'node-b');
      const bySlot = new Map<string, string[]>();
      for (const run of runs) {
        const slot = new Date(run.slot as Date).toISOString();
        bySlot.set(slot, [...(bySlot.get(slot) ?? []), run.outcome]);
      }
      expect(bySlot.size).toBeGreaterThanOrEqual(3);
      for (const [slot, slotOutcomes] of bySlot) {
        expect(
          slotOutcomes.filter((o) => o === 'succeeded'),
          slot,
        ).toHaveLength(1);
      }
      // both instances fired: the other one's firing of each slot is recorded as skipped
      expect(new Set(runs.map((r) => r.instance))).toEqual(new Set(['node-a', 'node-b']));
      expect(runs.some((r) => r.outcome === 'skipped')).toBe(true);
    });
  },
);
