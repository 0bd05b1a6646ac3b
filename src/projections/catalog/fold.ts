import type { Insertable } from 'kysely';
import type { Database } from '../../database/schema.ts';
import { unreachable } from '../../domain/errors.ts';
import type { FoldedEvent } from '../folded-event.ts';

export type RegionRow = Insertable<Database['catalog_regions']>;
export type PlanRow = Insertable<Database['catalog_plans']>;
export type IndicatorRow = Insertable<Database['catalog_indicators']>;
/** A target's row, with the revisions of this batch only (appended to those already stored). */
export type TargetRow = Omit<Insertable<Database['catalog_targets']>, 'revisions'> & { revisions: unknown[] };

/** The catalog's rows as a run of events last stated them, by key. */
export interface CatalogRows {
  regions: Map<string, RegionRow>;
  plans: Map<string, PlanRow>;
  indicators: Map<string, IndicatorRow>;
  targets: Map<string, TargetRow>;
}

export const emptyCatalog = (): CatalogRows => ({
  regions: new Map(),
  plans: new Map(),
  indicators: new Map(),
  targets: new Map(),
});

/** Folds one event into the rows (the last statement of a key wins; a target's revisions accumulate in order). */
export function fold(latest: CatalogRows, event: FoldedEvent): void {
  switch (event.type) {
    case 'RegionRegistered': {
      const { code, name, level, parentCode } = event.data;
      latest.regions.set(code, { code, name, level, parent_code: parentCode });
      return;
    }
    case 'PlanPublished': {
      const { data } = event;
      latest.plans.set(data.planId, {
        plan_id: data.planId,
        region_code: data.regionCode,
        title: data.title,
        issuer: data.issuer,
        issued_on: data.issuedOn,
        period_start: data.period.start,
        period_end: data.period.end,
        document: data.source.kind === 'document' ? data.source.document : '',
      });
      return;
    }
    case 'IndicatorDefined': {
      const { data } = event;
      latest.indicators.set(data.code, {
        code: data.code,
        name: data.name,
        category: data.category,
        unit: data.unit,
        kind: data.kind,
        direction: data.direction,
        growth: data.growth,
        parts: JSON.stringify(data.parts),
        aliases: JSON.stringify(data.aliases),
      });
      return;
    }
    case 'TargetSet':
    case 'TargetRevised': {
      const { data } = event;
      const key = [
        data.planId,
        data.regionCode,
        data.indicatorCode,
        data.part,
        data.tier,
        data.year,
        data.basis,
      ].join('|');
      const earlier = latest.targets.get(key)?.revisions ?? [];
      const revision =
        event.type === 'TargetRevised' ? [{ ...event.data.previous, revisedAt: event.recordedAt }] : [];
      latest.targets.set(key, {
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
        // Earlier statements stay listed, oldest first.
        revisions: [...earlier, ...revision],
      });
      return;
    }
    case 'ValueReported':
    case 'ValueRevised':
    case 'ValueRetracted':
    case 'PeriodSubmitted':
    case 'PeriodApproved':
    case 'PeriodReopened':
      return;
    default:
      unreachable(event);
  }
}
