import { migrateToLatest } from '../database/migrate.ts';
import { languageOfProcess, SENTENCES } from './language.ts';
import { openOrRefuse } from './open-for-command.ts';

// npm run migrate. Beside a running service it refuses: the service migrates at every start, and DDL under a
// running service's feet is not something to do through its API.
const { lang } = languageOfProcess();
const database = await openOrRefuse(process.env, 'npm run migrate', {
  zh: '服务每次启动时都会执行待运行的迁移，请重启该服务（或先停止它再运行 npm run migrate）',
  en: 'the service runs pending migrations each time it starts, so restart it (or stop it before running npm run migrate)',
});
try {
  const { results = [] } = await migrateToLatest(database.db);
  for (const result of results) console.log(SENTENCES.migrated(result.status, result.migrationName)[lang]);
  if (results.length === 0) console.log(SENTENCES.migrationsCurrent[lang]);
} finally {
  await database.close();
}
