import { type Kysely, sql } from 'kysely';

// A range target (between, 3到5个) keeps its upper bound; a withdrawn target (TargetWithdrawn) stays in the table,
// marked with why and by which statement, so the catalog's reads can leave it out while the row keeps its history.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE catalog_targets ADD COLUMN upper double precision`.execute(db);
  await sql`ALTER TABLE catalog_targets ADD COLUMN withdrawn jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE catalog_targets DROP COLUMN withdrawn`.execute(db);
  await sql`ALTER TABLE catalog_targets DROP COLUMN upper`.execute(db);
}
