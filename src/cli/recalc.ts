import { migrateToLatest } from '../database/migrate.ts';
import { openDatabaseFromEnv } from '../database/open-from-env.ts';
import { recalculateJob } from '../jobs/job.ts';
import { runJob } from '../jobs/run-job.ts';
import { defaultInstance } from '../jobs/scheduler.ts';

// npm run recalc: the trend recalculation once, now, recorded in the job runs like a scheduled one.
const database = await openDatabaseFromEnv(process.env);
try {
  await migrateToLatest(database.db);
  const result = await runJob(database.db, recalculateJob, {
    trigger: 'manual',
    instance: `${defaultInstance()} (cli)`,
  });
  console.log(JSON.stringify({ job: recalculateJob.name, ...result }));
  process.exitCode = result.outcome === 'failed' ? 1 : 0;
} finally {
  await database.close();
}
