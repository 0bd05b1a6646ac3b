import { migrateToLatest } from '../database/migrate.ts';
import { openDatabaseFromEnv } from '../database/open-from-env.ts';

const database = await openDatabaseFromEnv(process.env);
try {
  const { results = [] } = await migrateToLatest(database.db);
  for (const result of results) console.log(`${result.status}: ${result.migrationName}`);
  if (results.length === 0) console.log('migrations are current');
} finally {
  await database.close();
}
