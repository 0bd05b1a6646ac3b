import { migrateToLatest } from '../database/migrate.ts';
import { catchUpAll } from '../projections/catch-up.ts';
import { projections } from '../projections/index.ts';
import { seedCatalog } from '../seeding/seed-catalog.ts';
import { languageOfProcess, SENTENCES } from './language.ts';
import { openOrRefuse } from './open-for-command.ts';

// Appends the plan catalog (seeds/) as events; a second run appends nothing. Beside a running service it
// refuses: the service appends the catalog at every start, so a restart does the same.
const { lang } = languageOfProcess();
const database = await openOrRefuse(process.env, 'npm run seed', {
  zh: '服务每次启动时都会追加规划目录，请重启该服务（或先停止它再运行 npm run seed）',
  en: 'the service appends the plan catalog each time it starts, so restart it (or stop it before running npm run seed)',
});
try {
  await migrateToLatest(database.db);
  const { appended } = await seedCatalog(database.db);
  await catchUpAll(database.db, projections);
  console.log((appended === 0 ? SENTENCES.catalogCurrent : SENTENCES.appended(appended))[lang]);
} finally {
  await database.close();
}
