import { type Kysely, sql } from 'kysely';

// The periods read model: each plan's region and report year as its period events last left it, with who moved
// it and when (src/projections/periods). Rebuilt from the log like every projection.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE periods (
      plan_id       text NOT NULL,
      region_code   text NOT NULL,
      year          integer NOT NULL,
      state         text NOT NULL CHECK (state IN ('open', 'submitted', 'approved')),
      -- Every transition, oldest first: type, state, by (actor), at, reason, version (of the period's stream).
      history       jsonb NOT NULL DEFAULT '[]',
      PRIMARY KEY (plan_id, region_code, year)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE periods`.execute(db);
}
