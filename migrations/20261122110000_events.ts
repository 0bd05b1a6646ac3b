import { type Kysely, sql } from 'kysely';

// The event log. Append-only, enforced by the database itself, not by the application's good manners.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE events (
      position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_id       text NOT NULL,
      stream_version  integer NOT NULL CHECK (stream_version > 0),
      event_type      text NOT NULL,
      schema_version  integer NOT NULL DEFAULT 1,
      data            jsonb NOT NULL,
      metadata        jsonb NOT NULL DEFAULT '{}',
      recorded_at     timestamptz NOT NULL DEFAULT now(),
      UNIQUE (stream_id, stream_version)
    )`.execute(db);
  // Readers follow the log in (transaction_id, position) order; see src/store/read-after.ts.
  await sql`CREATE INDEX events_by_transaction ON events (transaction_id, position)`.execute(db);
  await sql`CREATE INDEX events_by_recorded_at ON events (recorded_at, position)`.execute(db);
  await sql`
    CREATE FUNCTION events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'events are append-only: % is refused', TG_OP
        USING ERRCODE = 'PMA01', HINT = 'record a correction as a new event';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER events_refuse_update_delete BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_are_append_only()`.execute(db);
  // Row triggers do not fire on TRUNCATE.
  await sql`
    CREATE TRIGGER events_refuse_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE events`.execute(db);
  await sql`DROP FUNCTION events_are_append_only()`.execute(db);
}
