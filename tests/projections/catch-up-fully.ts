import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/database/schema.ts';
import { catchUp } from '../../src/projections/catch-up.ts';
import { projections } from '../../src/projections/index.ts';
import type { Projection } from '../../src/projections/projection.ts';

/**
 * Catches projections up to the last event of the log. A reader only takes events of transactions older than
 * the oldest still running on the server (src/store/read-after.ts), and on a shared PostgreSQL the test files
 * running beside this one hold transactions too: one catch-up can stop short, so wait until the checkpoint is
 * at the end.
 */
export async function catchUpFully(
  db: Kysely<Database>,
  options: { batchSize?: number; of?: readonly Projection[] } = {},
): Promise<void> {
  const { rows } = await sql<{ transaction_id: string; position: number }>`
    SELECT transaction_id::text AS transaction_id, position FROM events e
    ORDER BY e.transaction_id DESC, e.position DESC LIMIT 1`.execute(db);
  const end = rows[0];
  for (const projection of options.of ?? projections) {
    for (let attempt = 0; ; attempt++) {
      await catchUp(db, projection, options.batchSize ? { batchSize: options.batchSize } : {});
      if (!end) break;
      const at = await db
        .selectFrom('projection_checkpoints')
        .select(['position', sql<string>`transaction_id::text`.as('transaction_id')])
        .where('projection', '=', projection.name)
        .executeTakeFirst();
      if (at && Number(at.position) === Number(end.position) && at.transaction_id === end.transaction_id)
        break;
      if (attempt > 500) throw new Error(`${projection.name} did not reach the end of the log`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
