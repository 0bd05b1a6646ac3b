import { join } from 'node:path';
import { openPglite } from '../../../src/database/connect.ts';
import { migrateToLatest } from '../../../src/database/migrate.ts';
import { catchUpAll } from '../../../src/projections/catch-up.ts';
import { projections } from '../../../src/projections/index.ts';
import { insertEvents } from './insert-events.ts';
import { catalogEvents, valueEvents } from './national.ts';

/**
 * The embedded default's share of the nation, in a DATA_DIR the server opens as `npm start` does: one province
 * (100 counties × 60 indicators × 5 years, 30 targets each) and its revisions, projected.
 */
export async function preparePgliteNation(dataDir: string) {
  const provinces = [41];
  const database = await openPglite(join(dataDir, 'pglite'));
  try {
    await migrateToLatest(database.db);
    const catalog = await insertEvents(
      database.db,
      catalogEvents({ indicators: 60, targetIndicators: 30, provinces }),
    );
    const values = await insertEvents(
      database.db,
      valueEvents({ indicators: 60, revisions: 3_000, provinces }),
    );
    await catchUpAll(database.db, projections, { waitMs: 600_000 });
    return {
      provinces,
      description: `one province: ${catalog.toLocaleString('en-US')} catalog events, ${values.toLocaleString('en-US')} values (100 counties × 60 indicators × 5 years, 3,000 revised)`,
    };
  } finally {
    await database.close();
  }
}
