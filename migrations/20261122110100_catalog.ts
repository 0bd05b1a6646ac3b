import { type Kysely, sql } from 'kysely';

// Read model of the plan catalog and the checkpoints of every projection.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE projection_checkpoints (
      projection      text PRIMARY KEY,
      transaction_id  xid8 NOT NULL,
      position        bigint NOT NULL,
      updated_at      timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE catalog_regions (
      code         text PRIMARY KEY,
      name         text NOT NULL,
      level        text NOT NULL,
      parent_code  text
    )`.execute(db);
  await sql`
    CREATE TABLE catalog_plans (
      plan_id       text PRIMARY KEY,
      region_code   text NOT NULL,
      title         text NOT NULL,
      period_start  integer NOT NULL,
      period_end    integer NOT NULL,
      issuer        text NOT NULL,
      issued_on     text NOT NULL,
      document      text NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE catalog_indicators (
      code       text PRIMARY KEY,
      name       text NOT NULL,
      category   text NOT NULL,
      unit       text NOT NULL,
      kind       text NOT NULL,
      direction  text NOT NULL,
      growth     text NOT NULL,
      parts      jsonb NOT NULL,
      aliases    jsonb NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE catalog_targets (
      plan_id         text NOT NULL,
      region_code     text NOT NULL,
      indicator_code  text NOT NULL,
      part            text NOT NULL,
      tier            text NOT NULL,
      year            integer NOT NULL,
      basis           text NOT NULL,
      comparator      text NOT NULL,
      value           double precision NOT NULL,
      unit            text NOT NULL,
      source          jsonb NOT NULL,
      revisions       jsonb NOT NULL,
      PRIMARY KEY (plan_id, region_code, indicator_code, part, tier, year, basis)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['catalog_targets', 'catalog_indicators', 'catalog_plans', 'catalog_regions']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
  await sql`DROP TABLE projection_checkpoints`.execute(db);
}
