import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database/schema.ts';
import { unreachable } from '../../domain/errors.ts';
import type { ProjectedEvent, Projection } from '../projection.ts';

/** Regions, plans, indicators and targets as the catalog events last stated them. */
export const catalogProjection: Projection = {
  name: 'catalog',
  tables: ['catalog_targets', 'catalog_indicators', 'catalog_plans', 'catalog_regions'],
  async apply(trx, events) {
    for (const event of events) await applyOne(trx, event);
  },
};

async function applyOne(trx: Kysely<Database>, event: ProjectedEvent): Promise<void> {
  switch (event.type) {
    case 'RegionRegistered': {
      const { code, name, level, parentCode } = event.data;
      const row = { code, name, level, parent_code: parentCode };
      await trx
        .insertInto('catalog_regions')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
      return;
    }
    case 'PlanPublished': {
      const { data } = event;
      const row = {
        plan_id: data.planId,
        region_code: data.regionCode,
        title: data.title,
        issuer: data.issuer,
        issued_on: data.issuedOn,
        period_start: data.period.start,
        period_end: data.period.end,
        document: data.source.kind === 'document' ? data.source.document : '',
      };
      await trx
        .insertInto('catalog_plans')
        .values(row)
        .onConflict((oc) => oc.column('plan_id').doUpdateSet(row))
        .execute();
      return;
    }
    case 'IndicatorDefined': {
      const { data } = event;
      const row = {
        code: data.code,
        name: data.name,
        category: data.category,
        unit: data.unit,
        kind: data.kind,
        direction: data.direction,
        growth: data.growth,
        parts: JSON.stringify(data.parts),
        aliases: JSON.stringify(data.aliases),
      };
      await trx
        .insertInto('catalog_indicators')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
      return;
    }
    case 'TargetSet':
    case 'TargetRevised': {
      const { data } = event;
      const revisions =
        event.type === 'TargetRevised' ? [{ ...event.data.previous, revisedAt: event.recordedAt }] : [];
      const row = {
        plan_id: data.planId,
        region_code: data.regionCode,
        indicator_code: data.indicatorCode,
        part: data.part ?? '',
        tier: data.tier ?? '',
        year: data.year,
        basis: data.basis,
        comparator: data.comparator,
        value: data.value,
        unit: data.unit,
        source: JSON.stringify(data.source),
        revisions: JSON.stringify(revisions),
      };
      await trx
        .insertInto('catalog_targets')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['plan_id', 'region_code', 'indicator_code', 'part', 'tier', 'year', 'basis'])
            .doUpdateSet((eb) => ({
              comparator: eb.ref('excluded.comparator'),
              value: eb.ref('excluded.value'),
              unit: eb.ref('excluded.unit'),
              source: eb.ref('excluded.source'),
              // Earlier statements stay listed, oldest first.
              revisions: sql`catalog_targets.revisions || excluded.revisions`,
            })),
        )
        .execute();
      return;
    }
    case 'ValueReported':
    case 'ValueRevised':
    case 'ValueRetracted':
      return;
    default:
      return unreachable(event);
  }
}
