import { type Kysely, sql } from 'kysely';

// Rejected uploads and dry runs are kept in the import history too (issue 17), with their report, who tried and
// when, so a supervisor sees that a bureau tried and why it failed. Only an imported file makes the next upload of
// the same file a duplicate: the unique (region, file hash) constraint becomes a unique index on imported rows,
// under the same name, so a racing upload still fails on it and becomes the duplicate of the first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE imports DROP CONSTRAINT imports_region_file_unique`.execute(db);
  await sql`
    CREATE UNIQUE INDEX imports_region_file_unique ON imports (region_code, file_sha256)
    WHERE status = 'imported'`.execute(db);
  await sql`
    ALTER TABLE imports ADD CONSTRAINT imports_status_known
    CHECK (status IN ('imported', 'rejected', 'dry-run'))`.execute(db);
  // The history filtered by status, newest first.
  await sql`CREATE INDEX imports_status_seq ON imports (status, seq)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM imports WHERE status <> 'imported'`.execute(db);
  await sql`DROP INDEX imports_status_seq`.execute(db);
  await sql`ALTER TABLE imports DROP CONSTRAINT imports_status_known`.execute(db);
  await sql`DROP INDEX imports_region_file_unique`.execute(db);
  await sql`
    ALTER TABLE imports ADD CONSTRAINT imports_region_file_unique UNIQUE (region_code, file_sha256)`.execute(
    db,
  );
}
