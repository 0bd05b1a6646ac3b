import type { Kysely } from 'kysely';
import type { Database } from '../../../src/database/schema.ts';
import { catchUpAll } from '../../../src/projections/catch-up.ts';
import { projections } from '../../../src/projections/index.ts';
import { rebuildProjections } from '../../../src/projections/rebuild.ts';

/** Every row of every projection table, as text, sorted. */
async function snapshot(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of projections.flatMap((p) => p.tables)) {
    const rows = await db.selectFrom(table).selectAll().execute();
    result[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return result;
}

/**
 * The projections as the incremental catch-ups left them, and the same projections rebuilt from the whole log:
 * returns both, for the caller to compare (and the row count, so that a test cannot pass on empty tables).
 */
export async function incrementalAndRebuilt(db: Kysely<Database>) {
  await catchUpAll(db, projections, { waitMs: 30_000 });
  const incremental = await snapshot(db);
  await rebuildProjections(db, projections);
  const rebuilt = await snapshot(db);
  const rows = Object.values(incremental).reduce((sum, list) => sum + list.length, 0);
  return { incremental, rebuilt, rows };
}
