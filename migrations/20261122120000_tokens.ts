import { type Kysely, sql } from 'kysely';

// API tokens. Only the SHA-256 of a secret is kept; the secret itself is shown once, when it is created.
// A token is never deleted: revoking it keeps the record, so events that name it still resolve to a name.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE api_tokens (
      token_id       text PRIMARY KEY,
      -- Creation order, for keyset pagination of the token list.
      seq            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      name           text NOT NULL CHECK (length(name) > 0),
      role           text NOT NULL CHECK (role IN ('admin', 'reporter', 'reader')),
      regions        jsonb NOT NULL DEFAULT '[]',
      secret_sha256  text NOT NULL UNIQUE CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
      created_at     timestamptz NOT NULL,
      created_by     text NOT NULL,
      expires_at     timestamptz,
      revoked_at     timestamptz,
      revoked_by     text,
      CHECK (role <> 'reporter' OR jsonb_array_length(regions) > 0)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE api_tokens`.execute(db);
}
