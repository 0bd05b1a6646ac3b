import { type Kysely, sql } from 'kysely';

// Every citation stating a target's current value (TargetSet or TargetRevised, then each TargetRestated), so a
// reader sees every document that says it. Rows written before start with the one citation they kept.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE catalog_targets ADD COLUMN citations jsonb NOT NULL DEFAULT '[]'::jsonb`.execute(db);
  await sql`UPDATE catalog_targets SET citations = jsonb_build_array(source)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE catalog_targets DROP COLUMN citations`.execute(db);
}
