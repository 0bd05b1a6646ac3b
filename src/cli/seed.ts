import { migrateToLatest } from '../database/migrate.ts';
import { openDatabaseFromEnv } from '../database/open-from-env.ts';
import { catchUpAll } from '../projections/catch-up.ts';
import { projections } from '../projections/index.ts';
import { seedCatalog } from '../seeding/seed-catalog.ts';

// Appends the plan catalog (seeds/) as events; a second run appends nothing.
const database = await openDatabaseFromEnv(process.env);
try {
  await migrateToLatest(database.db);
  const { appended } = await seedCatalog(database.db);
  await catchUpAll(database.db, projections);
  console.log(appended === 0 ? 'catalog already current: no event appended' : `appended ${appended} events`);
} finally {
  await database.close();
}
