import type { Insertable } from 'kysely';
import type { Database } from '../../database/schema.ts';
import { unreachable } from '../../domain/errors.ts';
import type { FoldedEvent, FoldedEventOf } from '../folded-event.ts';

export type RegionRow = Insertable<Database['catalog_regions']>;
export type PlanRow = Insertable<Database['catalog_plans']>;
export type IndicatorRow = Insertable<Database['catalog_indicators']>;
/**
 * A target's row, with the revisions of this batch only (appended to those already stored), and its citations:
 * `restated` rows only add citations to the stored ones; a set or revised value starts its citations over.
 */
export type TargetRow = Omit<
  Insertable<Database['catalog_targets']>,
  'revisions' | 'citations' | 'withdrawn'
> & {
  revisions: unknown[];
  citations: unknown[];
  /** Why and by what the target was withdrawn (TargetWithdrawn), or null while it stands. */
  withdrawn: Record<string, unknown> | null;
  restatedOnly: boolean;
  /** Only withdrawn in this batch: the stored row keeps everything else and is marked. */
  withdrawnOnly?: boolean;
};

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
    case 'TargetWithdrawn': {
      const { data } = event;
      const key = targetRowKey(data);
      const withdrawn = { reason: data.reason, source: data.source, withdrawnAt: event.recordedAt };
      const row = latest.targets.get(key);
      if (row) row.withdrawn = withdrawn;
      else {
        const stated = { ...data, ...data.previous, source: data.previous.source };
        latest.targets.set(key, {
          ...targetRow(stated),
          withdrawn,
          restatedOnly: false,
          withdrawnOnly: true,
        });
      }
      return;
    }
    case 'TargetRestated': {
      const key = targetRowKey(event.data);
      const row = latest.targets.get(key);
      if (row) row.citations = [...row.citations, event.data.source];
      else latest.targets.set(key, { ...targetRow(event.data), restatedOnly: true });
      return;
    }
    case 'TargetSet':
    case 'TargetRevised': {
      const { data } = event;
      const key = targetRowKey(data);
      const earlier = latest.targets.get(key)?.revisions ?? [];
      const revision =
        event.type === 'TargetRevised' ? [{ ...event.data.previous, revisedAt: event.recordedAt }] : [];
      // Earlier statements stay listed, oldest first.
      latest.targets.set(key, {
        ...targetRow(data),
        revisions: [...earlier, ...revision],
        restatedOnly: false,
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

type TargetData = FoldedEventOf<'TargetSet' | 'TargetRestated'>['data'];

const targetRowKey = (data: Omit<TargetData, 'comparator' | 'value' | 'unit' | 'source'>) =>
  [data.planId, data.regionCode, data.indicatorCode, data.part, data.tier, data.year, data.basis].join('|');

function targetRow(data: TargetData): Omit<TargetRow, 'restatedOnly'> {
  return {
    plan_id: data.planId,
    region_code: data.regionCode,
    indicator_code: data.indicatorCode,
    part: data.part ?? '',
    tier: data.tier ?? '',
    year: data.year,
    basis: data.basis,
    comparator: data.comparator,
    value: data.value,
    upper: data.upper ?? null,
    unit: data.unit,
    source: JSON.stringify(data.source),
    revisions: [],
    citations: [data.source],
    withdrawn: null,
  };
}
