import { type Kysely, sql } from 'kysely';

// Uploaded workbooks that were imported, with their reports. Written in the same transaction as the events they
// produced. The unique (region, file hash) index makes a second upload of the same file, even a concurrent one,
// a duplicate of the first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE imports (
      import_id     text PRIMARY KEY,
      seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      region_code   text NOT NULL,
      plan_id       text,
      file_name     text NOT NULL,
      file_sha256   text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
      file_size     integer NOT NULL,
      status        text NOT NULL,
      actor         jsonb NOT NULL,
      report        jsonb NOT NULL,
      imported_at   timestamptz NOT NULL,
      CONSTRAINT imports_region_file_unique UNIQUE (region_code, file_sha256)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE imports`.execute(db);
}
