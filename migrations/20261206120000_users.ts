import { type Kysely, sql } from 'kysely';

// People who sign in: reporters, approvers, readers, admins. Only a scrypt hash of a password is kept, and only
// a SHA-256 of a session's secret. A user is never deleted (events name them); disabling ends their sessions.
// Failed sign-ins are counted per login name, whether or not such a user exists, so that a lock tells nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE users (
      user_id        text PRIMARY KEY,
      seq            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      login          text NOT NULL CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
      name           text NOT NULL CHECK (length(name) > 0),
      role           text NOT NULL CHECK (role IN ('admin', 'reporter', 'approver', 'reader')),
      regions        jsonb NOT NULL DEFAULT '[]',
      password_hash  text NOT NULL,
      created_at     timestamptz NOT NULL,
      created_by     text NOT NULL,
      disabled_at    timestamptz,
      disabled_by    text,
      password_changed_at timestamptz NOT NULL,
      CHECK (role NOT IN ('reporter', 'approver') OR jsonb_array_length(regions) > 0)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX users_login ON users (login)`.execute(db);
  await sql`
    CREATE TABLE user_sessions (
      session_id     text PRIMARY KEY,
      user_id        text NOT NULL REFERENCES users (user_id),
      secret_sha256  text NOT NULL UNIQUE CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
      created_at     timestamptz NOT NULL,
      expires_at     timestamptz NOT NULL,
      revoked_at     timestamptz
    )`.execute(db);
  await sql`CREATE INDEX user_sessions_user ON user_sessions (user_id)`.execute(db);
  await sql`
    CREATE TABLE login_failures (
      login          text PRIMARY KEY,
      failures       integer NOT NULL,
      last_failed_at timestamptz NOT NULL,
      locked_until   timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE login_failures`.execute(db);
  await sql`DROP TABLE user_sessions`.execute(db);
  await sql`DROP TABLE users`.execute(db);
}
