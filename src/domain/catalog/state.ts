import { canonicalJson } from '../canonical-json.ts';
import { unreachable } from '../errors.ts';
import type { EventOf, PlanEvent } from '../events.ts';
import type { CurrentValue } from '../stated-value.ts';
import type { Source } from '../vocabulary.ts';

export interface TargetState extends CurrentValue {
  source: Source;
  /** Every statement of the current value, the first one first (TargetSet or TargetRevised, then TargetRestated). */
  citations: Source[];
}

/**
 * Two citations are the same place of the same document when kind, document, section and printed text agree;
 * a title or a note added later does not make a citation new.
 */
export function sameCitation(a: Source, b: Source): boolean {
  if (a.kind !== 'document' || b.kind !== 'document') return canonicalJson(a) === canonicalJson(b);
  return a.document === b.document && a.section === b.section && a.printed === b.printed;
}

/** What one catalog stream (a region, an indicator or a plan) holds. */
export interface CatalogStreamState {
  region?: EventOf<'RegionRegistered'>['data'];
  indicator?: EventOf<'IndicatorDefined'>['data'];
  plan?: EventOf<'PlanPublished'>['data'];
  targets: Map<string, TargetState>;
}

export const emptyCatalogStream = (): CatalogStreamState => ({ targets: new Map() });

export function targetKey(target: {
  regionCode: string;
  indicatorCode: string;
  part: string | null;
  tier: string | null;
  year: number;
  basis: string;
}): string {
  return [
    target.regionCode,
    target.indicatorCode,
    target.part ?? '',
    target.tier ?? '',
    target.year,
    target.basis,
  ].join('|');
}

export function evolveCatalog(state: CatalogStreamState, event: PlanEvent): CatalogStreamState {
  switch (event.type) {
    case 'RegionRegistered':
      return { ...state, region: event.data };
    case 'IndicatorDefined':
      return { ...state, indicator: event.data };
    case 'PlanPublished':
      return { ...state, plan: event.data };
    case 'TargetSet':
    case 'TargetRevised': {
      const { comparator, value, upper, unit, source } = event.data;
      const targets = new Map(state.targets);
      targets.set(targetKey(event.data), {
        comparator,
        value,
        ...(upper === undefined ? {} : { upper }),
        unit,
        source,
        citations: [source],
        statedAt: event.metadata.occurredAt,
      });
      return { ...state, targets };
    }
    case 'TargetWithdrawn': {
      const targets = new Map(state.targets);
      targets.delete(targetKey(event.data));
      return { ...state, targets };
    }
    case 'TargetRestated': {
      const key = targetKey(event.data);
      const current = state.targets.get(key);
      if (!current) return state;
      const targets = new Map(state.targets);
      targets.set(key, { ...current, citations: [...current.citations, event.data.source] });
      return { ...state, targets };
    }
    case 'ValueReported':
    case 'ValueRevised':
    case 'ValueRetracted':
    case 'PeriodSubmitted':
    case 'PeriodApproved':
    case 'PeriodReopened':
      return state; // values live in series streams, periods in their own
    default:
      return unreachable(event);
  }
}
