import type { Kysely } from 'kysely';
import { z } from 'zod';
import { seedCatalogData } from '../../seeds/index.ts';
import { handleCommands } from '../commands/handle.ts';
import type { Database } from '../database/schema.ts';
import { catalogCommands, SeedDocument, SeedIndicator, SeedRegion } from '../domain/catalog/seed-files.ts';
import { StreamVersionConflict } from '../store/index.ts';

const SeedCatalog = z.object({
  regions: z.array(SeedRegion),
  indicators: z.array(SeedIndicator),
  documents: z.array(SeedDocument),
});

export const SEED_ACTOR = { kind: 'seed', id: 'seed', name: 'plan catalog (seeds/)' } as const;

/** The committed catalog, validated. Throws with every zod issue if a seed file is malformed. */
export const loadSeedCatalog = () => SeedCatalog.parse(seedCatalogData);

/**
 * Appends the catalog as events. Idempotent: what the log already states appends nothing, so it runs on every
 * start; a changed seed file appends only its changes (a changed target as a revision).
 */
export async function seedCatalog(db: Kysely<Database>): Promise<{ appended: number }> {
  const commands = catalogCommands(loadSeedCatalog(), SEED_ACTOR);
  for (let attempt = 1; ; attempt++) {
    try {
      const { positions } = await db
        .transaction()
        .execute((trx) => handleCommands(trx, commands, { retries: 0 }));
      return { appended: positions.length };
    } catch (error) {
      // Two instances starting at once: the loser tries again and finds nothing left to append.
      if (!(error instanceof StreamVersionConflict) || attempt >= 3) throw error;
    }
  }
}
