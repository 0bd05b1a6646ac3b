import { type Kysely, sql } from 'kysely';

// Plan indicator tables an administrator uploaded and published, with the draft they were read into. Written in
// the same transaction as the catalog events they produced. The unique (plan, file hash) index makes a second
// upload of the same table for the same plan, even a concurrent one, a duplicate of the first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE plan_uploads (
      upload_id     text PRIMARY KEY,
      seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      plan_id       text NOT NULL,
      region_code   text NOT NULL,
      file_name     text NOT NULL,
      file_sha256   text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
      actor         jsonb NOT NULL,
      draft         jsonb NOT NULL,
      events        integer NOT NULL,
      uploaded_at   timestamptz NOT NULL,
      CONSTRAINT plan_uploads_plan_file_unique UNIQUE (plan_id, file_sha256)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE plan_uploads`.execute(db);
}
