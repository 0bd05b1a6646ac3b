import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { cronTriggerScheduler } from '../../src/runtime/cron-trigger-scheduler.ts';
import { workersLogger } from '../../src/runtime/workers-logger.ts';
import { prepareDatabase } from '../../src/startup.ts';
import { catchUpFully } from '../projections/catch-up-fully.ts';
import { openTestDatabase } from '../support/database.ts';

// On Workers the scheduled job reaches PostgreSQL by URL (JOBS_DATABASE_URL): there is no URL for PGlite.
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  console.warn('tests/runtime/cron-trigger-scheduler skipped: it needs PostgreSQL; set TEST_DATABASE_URL');
}

describe.skipIf(!serverUrl)('a Cron Trigger on Workers', () => {
  let database: OpenDatabase & { url?: string };
  beforeAll(async () => {
    database = await openTestDatabase();
    await prepareDatabase(database.db);
    await catchUpFully(database.db);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('given a scheduled time, when the trigger is delivered twice, then the recalculation runs once', async () => {
    const scheduler = cronTriggerScheduler({
      jobsDatabaseUrl: database.url,
      logger: workersLogger('silent'),
      instance: 'workers:test',
    });
    const scheduledTime = Date.UTC(2026, 0, 1, 18, 0, 0) + 123;

    const first = await scheduler.onCronTrigger({ cron: '0 18 * * *', scheduledTime });
    const second = await scheduler.onCronTrigger({ cron: '0 18 * * *', scheduledTime });

    expect(first.outcome).toBe('succeeded');
    expect(second).toMatchObject({
      outcome: 'skipped',
      reason: expect.stringContaining('already been done'),
    });
    const runs = await database.db.selectFrom('job_runs').selectAll().orderBy('id').execute();
    // The slot is the scheduled time to the second, as the Node scheduler records it.
    expect(runs.map((run) => [run.outcome, new Date(run.slot ?? 0).toISOString(), run.instance])).toEqual([
      ['succeeded', '2026-01-01T18:00:00.000Z', 'workers:test'],
      ['skipped', '2026-01-01T18:00:00.000Z', 'workers:test'],
    ]);
  });
});
