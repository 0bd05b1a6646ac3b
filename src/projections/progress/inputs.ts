import type { Comparator, Direction, GrowthModel, Source, TargetBasis } from '../../domain/vocabulary.ts';
import type { FoldedEvent, FoldedEventOf } from '../folded-event.ts';
import { evolveSeriesValue, isoString, type SeriesValue, seriesValueKey } from '../series/value.ts';

/**
 * What the progress read model is computed from, kept by the projection itself (not read from the catalog's
 * tables) so that every progress row is computed from inputs at exactly its own checkpoint.
 */

export interface RegionDoc {
  code: string;
  name: string;
  level: string;
}

export interface PlanDoc {
  planId: string;
  regionCode: string;
  title: string;
  period: { start: number; end: number };
  document: string | null;
}

export interface IndicatorDoc {
  code: string;
  name: string;
  category: string;
  unit: string;
  kind: string;
  direction: Direction;
  growth: GrowthModel;
  parts: { code: string; name: string }[];
}

/** A statement of a target: its value and the document (or sheet) that stated it. */
export interface TargetStatement {
  comparator: Comparator;
  value: number;
  /** A range's upper bound (between, 3到5个). */
  upper?: number;
  unit: string;
  source: Source;
  recordedAt: string;
}

export interface TargetDoc {
  planId: string;
  regionCode: string;
  indicatorCode: string;
  part: string | null;
  tier: string | null;
  year: number;
  basis: TargetBasis;
  /** The statement in force. */
  current: TargetStatement;
  /** Statements a later one replaced, oldest first: non-empty when a later document revised the target. */
  earlier: TargetStatement[];
  /** Withdrawn (TargetWithdrawn): no document states it any more, so nothing is measured against it. */
  withdrawn?: { reason: string; recordedAt: string };
}

export const targetDocKey = (t: {
  planId: string;
  regionCode: string;
  indicatorCode: string;
  part: string | null;
  tier: string | null;
  year: number;
  basis: string;
}) => [t.planId, t.regionCode, t.indicatorCode, t.part ?? '', t.tier ?? '', t.year, t.basis].join('|');

export const pairKey = (regionCode: string, indicatorCode: string) => `${regionCode}|${indicatorCode}`;

/** The inputs of progress, or the part of them a batch of events touches. */
export interface ProgressInputs {
  regions: Map<string, RegionDoc>;
  plans: Map<string, PlanDoc>;
  indicators: Map<string, IndicatorDoc>;
  targets: Map<string, TargetDoc>;
  series: Map<string, SeriesValue>;
}

export const emptyInputs = (): ProgressInputs => ({
  regions: new Map(),
  plans: new Map(),
  indicators: new Map(),
  targets: new Map(),
  series: new Map(),
});

export function evolveTarget(
  previous: TargetDoc | undefined,
  event: FoldedEventOf<'TargetSet' | 'TargetRevised'>,
): TargetDoc {
  const {
    planId,
    regionCode,
    indicatorCode,
    part,
    tier,
    year,
    basis,
    comparator,
    value,
    upper,
    unit,
    source,
  } = event.data;
  const current = {
    comparator,
    value,
    ...(upper === undefined ? {} : { upper }),
    unit,
    source,
    recordedAt: isoString(event.recordedAt),
  };
  const earlier = previous ? [...previous.earlier, previous.current] : [];
  return { planId, regionCode, indicatorCode, part, tier, year, basis, current, earlier };
}

/**
 * Folds one event into the inputs (mutating the maps: the fold runs over the whole log for a rebuild or an
 * as-of view). The documents each key holds are built by the pure functions above.
 */
export function evolveInputs(inputs: ProgressInputs, event: FoldedEvent): void {
  switch (event.type) {
    case 'RegionRegistered': {
      const { code, name, level } = event.data;
      inputs.regions.set(code, { code, name, level });
      return;
    }
    case 'PlanPublished': {
      const { planId, regionCode, title, period, source } = event.data;
      const document = source.kind === 'document' ? source.document : null;
      inputs.plans.set(planId, {
        planId,
        regionCode,
        title,
        period: { start: period.start, end: period.end },
        document,
      });
      return;
    }
    case 'IndicatorDefined': {
      const { code, name, category, unit, kind, direction, growth, parts } = event.data;
      inputs.indicators.set(code, {
        code,
        name,
        category,
        unit,
        kind,
        direction,
        growth,
        parts: parts.map((p) => ({ code: p.code, name: p.name })),
      });
      return;
    }
    case 'TargetSet':
    case 'TargetRevised': {
      const key = targetDocKey(event.data);
      inputs.targets.set(key, evolveTarget(inputs.targets.get(key), event));
      return;
    }
    case 'TargetWithdrawn': {
      // Kept (marked), so the stored document is replaced and its pair's rows are recomputed without it.
      const key = targetDocKey(event.data);
      const previous = inputs.targets.get(key);
      if (previous) {
        const withdrawn = { reason: event.data.reason, recordedAt: isoString(event.recordedAt) };
        inputs.targets.set(key, { ...previous, withdrawn });
      }
      return;
    }
    case 'ValueReported':
    case 'ValueRevised':
    case 'ValueRetracted': {
      const key = seriesValueKey(event.data);
      inputs.series.set(key, evolveSeriesValue(inputs.series.get(key), event));
      return;
    }
  }
}
