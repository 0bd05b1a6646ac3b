import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/jobs/job.ts';
import { recalculateJob } from '../../src/jobs/job.ts';
import { runJob } from '../../src/jobs/run-job.ts';
import { startScheduler } from '../../src/jobs/scheduler.ts';
import { type HttpFixture, openHttpFixture } from './support.ts';

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture();
});
afterAll(() => fixture.close());

type JobList = {
  jobs: {
    name: string;
    schedule: string | null;
    timezone: string | null;
    nextRunAt: string | null;
    lastRun: { outcome: string; durationMs: number | null; error: string | null; instance: string } | null;
    recentRuns: { outcome: string }[];
  }[];
};
const jobs = async () => {
  const response = await fixture.app.request('/api/v1/jobs');
  expect(response.status).toBe(200);
  return (await response.json()) as JobList;
};

describe('GET /api/v1/jobs', () => {
  it('lists the recalculation before it has ever run or been scheduled', async () => {
    expect((await jobs()).jobs).toEqual([
      expect.objectContaining({ name: 'recalculate', schedule: null, lastRun: null, recentRuns: [] }),
    ]);
  });

  it('shows the schedule a running instance registered, and its next run', async () => {
    const scheduler = await startScheduler(fixture.database.db, {
      schedule: '0 2 * * *',
      timezone: 'Asia/Shanghai',
    });
    await scheduler.stop();
    const [job] = (await jobs()).jobs;
    expect(job).toMatchObject({ schedule: '0 2 * * *', timezone: 'Asia/Shanghai' });
    // 02:00 in Shanghai is 18:00 UTC
    expect(job?.nextRunAt).toMatch(/T18:00:00\.000Z$/);
  });

  it('shows the last run with its duration and outcome, and a failure with its error', async () => {
    await runJob(fixture.database.db, recalculateJob, { trigger: 'manual', instance: 'http-test' });
    const [job] = (await jobs()).jobs;
    expect(job?.lastRun).toMatchObject({ outcome: 'succeeded', instance: 'http-test', error: null });
    expect(job?.lastRun?.durationMs).toEqual(expect.any(Number));

    const broken: Job = {
      ...recalculateJob,
      run: async () => {
        throw new Error('relation "progress_rows" does not exist');
      },
    };
    await runJob(fixture.database.db, broken, { trigger: 'manual', instance: 'http-test' });
    const [after] = (await jobs()).jobs;
    expect(after?.lastRun).toMatchObject({
      outcome: 'failed',
      error: 'relation "progress_rows" does not exist',
    });
    expect(after?.recentRuns.map((r) => r.outcome)).toEqual(['failed', 'succeeded']);
  });
});
