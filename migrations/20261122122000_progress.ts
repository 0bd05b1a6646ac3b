import { type Kysely, sql } from 'kysely';

// Read models of values and progress (src/projections/series, src/projections/progress). Every `doc` is `json`,
// not `jsonb`: json keeps the text as written, so a row reads back with its keys in the order it was computed
// and a rebuilt projection answers byte for byte as the incremental one did.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE series_values (
      region_code     text NOT NULL,
      indicator_code  text NOT NULL,
      part            text NOT NULL,
      year            integer NOT NULL,
      comparator      text,
      value           double precision,
      unit            text,
      revisions       integer NOT NULL,
      doc             json NOT NULL,
      PRIMARY KEY (region_code, indicator_code, part, year)
    )`.execute(db);
  await sql`CREATE INDEX series_values_by_indicator_year ON series_values (indicator_code, year)`.execute(db);
  await sql`CREATE TABLE progress_regions (code text PRIMARY KEY, doc json NOT NULL)`.execute(db);
  await sql`
    CREATE TABLE progress_plans (plan_id text PRIMARY KEY, region_code text NOT NULL, doc json NOT NULL)`.execute(
    db,
  );
  await sql`
    CREATE TABLE progress_indicators (code text PRIMARY KEY, category text NOT NULL, doc json NOT NULL)`.execute(
    db,
  );
  await sql`
    CREATE TABLE progress_targets (
      plan_id         text NOT NULL,
      region_code     text NOT NULL,
      indicator_code  text NOT NULL,
      part            text NOT NULL,
      tier            text NOT NULL,
      year            integer NOT NULL,
      basis           text NOT NULL,
      doc             json NOT NULL,
      PRIMARY KEY (plan_id, region_code, indicator_code, part, tier, year, basis)
    )`.execute(db);
  await sql`CREATE INDEX progress_targets_by_pair ON progress_targets (region_code, indicator_code)`.execute(
    db,
  );
  await sql`CREATE INDEX progress_targets_by_indicator ON progress_targets (indicator_code)`.execute(db);
  await sql`
    CREATE TABLE progress_rows (
      plan_id         text NOT NULL,
      region_code     text NOT NULL,
      indicator_code  text NOT NULL,
      part            text NOT NULL,
      tier            text NOT NULL,
      year            integer NOT NULL,
      basis           text NOT NULL,
      category        text NOT NULL,
      status          text NOT NULL,
      doc             json NOT NULL,
      PRIMARY KEY (plan_id, region_code, indicator_code, part, tier, year, basis)
    )`.execute(db);
  await sql`CREATE INDEX progress_rows_by_pair ON progress_rows (region_code, indicator_code)`.execute(db);
  await sql`CREATE INDEX progress_rows_by_indicator ON progress_rows (indicator_code)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'progress_rows',
    'progress_targets',
    'progress_indicators',
    'progress_plans',
    'progress_regions',
    'series_values',
  ]) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
