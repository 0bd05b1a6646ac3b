import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.ts';
import { loadRows, mapped } from '../bulk-load.ts';
import { PERIOD_EVENT_TYPES } from '../periods/fold.ts';
import type { Replay } from '../projection.ts';
import { SERIES_EVENT_TYPES } from '../series/write-from-log.ts';
import { emptyCatalog, fold } from './fold.ts';

/** The whole log into the catalog tables of a rebuild: folded in memory as `apply` folds a batch, written once. */
export function replayCatalog(): Replay {
  const latest = emptyCatalog();
  return {
    ignores: [...SERIES_EVENT_TYPES, ...PERIOD_EVENT_TYPES],
    add(events) {
      for (const event of events) fold(latest, event);
    },
    async write(db: Kysely<Database>) {
      await loadRows(
        db,
        'catalog_regions',
        { code: 'text', name: 'text', level: 'text', parent_code: 'text' },
        latest.regions.values(),
      );
      await loadRows(
        db,
        'catalog_plans',
        {
          plan_id: 'text',
          region_code: 'text',
          title: 'text',
          issuer: 'text',
          issued_on: 'text',
          period_start: 'int',
          period_end: 'int',
          document: 'text',
        },
        latest.plans.values(),
      );
      await loadRows(
        db,
        'catalog_indicators',
        {
          code: 'text',
          name: 'text',
          category: 'text',
          unit: 'text',
          kind: 'text',
          direction: 'text',
          growth: 'text',
          parts: 'jsonb',
          aliases: 'jsonb',
        },
        latest.indicators.values(),
      );
      await loadRows(
        db,
        'catalog_targets',
        {
          plan_id: 'text',
          region_code: 'text',
          indicator_code: 'text',
          part: 'text',
          tier: 'text',
          year: 'int',
          basis: 'text',
          comparator: 'text',
          value: 'float8',
          upper: 'float8',
          unit: 'text',
          source: 'jsonb',
          revisions: 'jsonb',
          citations: 'jsonb',
          withdrawn: 'jsonb',
        },
        mapped(latest.targets.values(), ({ restatedOnly: _, withdrawnOnly: __, ...row }) => ({
          ...row,
          revisions: JSON.stringify(row.revisions),
          citations: JSON.stringify(row.citations),
          withdrawn: row.withdrawn === null ? null : JSON.stringify(row.withdrawn),
        })),
      );
    },
  };
}
