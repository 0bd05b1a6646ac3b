import type { Kysely } from 'kysely';
import { migrateToLatest } from './database/migrate.ts';
import type { Database } from './database/schema.ts';
import { catchUpAll } from './projections/catch-up.ts';
import { projections } from './projections/index.ts';
import { seedCatalog } from './seeding/seed-catalog.ts';

/** What every entry point does before serving: schema current, catalog stated, read models caught up. */
export async function prepareDatabase(db: Kysely<Database>): Promise<{ seeded: number; projected: number }> {
  await migrateToLatest(db);
  const { appended } = await seedCatalog(db);
  const projected = await catchUpAll(db, projections);
  return { seeded: appended, projected };
}
