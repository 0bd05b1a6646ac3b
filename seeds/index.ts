import type { SeedCatalog } from '../src/domain/catalog/seed-files.ts';
import lianyungang from './documents/000-lianyungang.json' with { type: 'json' };
import changzhou from './documents/001-changzhou.json' with { type: 'json' };
import qingdao from './documents/002-qingdao.json' with { type: 'json' };
import jiangsu2013 from './documents/003-jiangsu-2013.json' with { type: 'json' };
import jiangsuKeyProjects from './documents/004-jiangsu-key-projects.json' with { type: 'json' };
import indicators from './indicators.json' with { type: 'json' };
import regions from './regions.json' with { type: 'json' };

/**
 * The catalog as committed, unvalidated: imported statically (not read from disk) so that the Workers bundle
 * carries it too. src/seeding/ validates it with the zod schemas before use.
 */
export const seedCatalogData: Record<keyof SeedCatalog, unknown> = {
  regions,
  indicators,
  documents: [lianyungang, changzhou, qingdao, jiangsu2013, jiangsuKeyProjects],
};
