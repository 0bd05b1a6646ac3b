import { migrateToLatest } from '../database/migrate.ts';
import { recalculateJob } from '../jobs/job.ts';
import { runJob } from '../jobs/run-job.ts';
import { defaultInstance } from '../jobs/scheduler.ts';
import { openOrRefuse } from './open-for-command.ts';

// npm run recalc: the trend recalculation once, now, recorded in the job runs like a scheduled one. The API has
// no route that runs it, so beside a running service it refuses: the service runs it on its schedule.
const database = await openOrRefuse(process.env, 'npm run recalc', {
  zh: '该服务按 RECALC_CRON 定时执行重算，请等待其定时运行，或先停止它再运行 npm run recalc',
  en: 'the service runs the recalculation on RECALC_CRON, so wait for its scheduled run or stop it before running npm run recalc',
});
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
