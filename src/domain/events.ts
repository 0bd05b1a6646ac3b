import { z } from 'zod';
import { PeriodApproved, PeriodReopened, PeriodSubmitted, periodStream } from './approval/events.ts';
import {
  Comparator,
  Direction,
  EventMetadata,
  GrowthModel,
  IndicatorCode,
  IndicatorKind,
  PartCode,
  PlanId,
  RegionCode,
  RegionLevel,
  Source,
  TargetBasis,
  Tier,
  Year,
} from './vocabulary.ts';

const event = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ type: z.literal(type), data, metadata: EventMetadata });

/**
 * A value with the comparator and unit it was stated in. A range (`between`, 3到5个) keeps its lower bound in
 * `value` and its upper bound in `upper`; no other comparator has an `upper` (the deciders check both).
 */
const StatedValue = z.object({
  comparator: Comparator,
  value: z.number().finite(),
  upper: z.number().finite().optional(),
  unit: z.string(),
});

export const RegionRegistered = event(
  'RegionRegistered',
  z.object({
    code: RegionCode,
    name: z.string().min(1),
    level: RegionLevel,
    parentCode: RegionCode.nullable(),
  }),
);

export const PlanPublished = event(
  'PlanPublished',
  z.object({
    planId: PlanId,
    regionCode: RegionCode,
    title: z.string().min(1),
    issuer: z.string().min(1),
    issuedOn: z.iso.date(),
    period: z.object({ start: Year, end: Year }),
    source: Source,
  }),
);

export const IndicatorPart = z.object({ code: z.string().regex(/^[a-z0-9-]+$/), name: z.string().min(1) });

export const IndicatorDefined = event(
  'IndicatorDefined',
  z.object({
    code: IndicatorCode,
    name: z.string().min(1),
    /** Other names the documents and sheets use for it (matched after normalisation). */
    aliases: z.array(z.string()),
    category: z.string().min(1),
    unit: z.string(),
    kind: IndicatorKind,
    direction: Direction,
    growth: GrowthModel,
    parts: z.array(IndicatorPart),
    source: Source,
  }),
);

/** What names a target: plan, region, indicator, part, tier, year and basis. */
export const TargetKey = {
  planId: PlanId,
  regionCode: RegionCode,
  indicatorCode: IndicatorCode,
  part: PartCode,
  tier: Tier,
  year: Year,
  basis: TargetBasis,
};

export const TargetSet = event('TargetSet', z.object({ ...TargetKey, ...StatedValue.shape, source: Source }));

/** A later document changed a target: the new value, and the one it replaces. */
export const TargetRevised = event(
  'TargetRevised',
  z.object({
    ...TargetKey,
    ...StatedValue.shape,
    /** The value replaced, its first citation, and (since issue 13) every citation that stated it. */
    previous: StatedValue.extend({ source: Source, citations: z.array(Source).optional() }),
    source: Source,
  }),
);

/**
 * A document (or another place of the same one) states a target's current value again: the value does not change,
 * the target gains a citation. So a reader sees that 001's 省 column and 003 both say it.
 */
export const TargetRestated = event(
  'TargetRestated',
  z.object({ ...TargetKey, ...StatedValue.shape, source: Source }),
);

/**
 * A target no document states any more (an earlier seed recorded a figure that measures something else, or a
 * later document dropped it): the catalog stops listing it and progress stops measuring against it. The events
 * that set it stay in the history; a later statement sets it again.
 */
export const TargetWithdrawn = event(
  'TargetWithdrawn',
  z.object({
    ...TargetKey,
    /** The value withdrawn and its first citation. */
    previous: StatedValue.extend({ source: Source }),
    reason: z.string().min(1),
    source: Source,
  }),
);

const SeriesKey = { regionCode: RegionCode, indicatorCode: IndicatorCode, part: PartCode, year: Year };

export const ValueReported = event(
  'ValueReported',
  z.object({ ...SeriesKey, ...StatedValue.shape, source: Source }),
);

/** A different value for a region, indicator, part and year already reported; the old one stays in history. */
export const ValueRevised = event(
  'ValueRevised',
  z.object({ ...SeriesKey, ...StatedValue.shape, previous: StatedValue, source: Source }),
);

export const ValueRetracted = event(
  'ValueRetracted',
  z.object({ ...SeriesKey, previous: StatedValue, reason: z.string().min(1), source: Source }),
);

export const PlanEvent = z.discriminatedUnion('type', [
  RegionRegistered,
  PlanPublished,
  IndicatorDefined,
  TargetSet,
  TargetRevised,
  TargetRestated,
  TargetWithdrawn,
  ValueReported,
  ValueRevised,
  ValueRetracted,
  PeriodSubmitted,
  PeriodApproved,
  PeriodReopened,
]);
export type PlanEvent = z.infer<typeof PlanEvent>;
export type PlanEventType = PlanEvent['type'];
export type EventOf<T extends PlanEventType> = Extract<PlanEvent, { type: T }>;

/** Current schema version of each event type's data. Bump with an upcaster when a shape changes. */
export const eventSchemaVersions: Record<PlanEventType, number> = {
  RegionRegistered: 1,
  PlanPublished: 1,
  IndicatorDefined: 1,
  TargetSet: 1,
  TargetRevised: 1,
  TargetRestated: 1,
  TargetWithdrawn: 1,
  ValueReported: 1,
  ValueRevised: 1,
  ValueRetracted: 1,
  PeriodSubmitted: 1,
  PeriodApproved: 1,
  PeriodReopened: 1,
};

/** Stream ids: one stream per consistency boundary. */
export const streams = {
  region: (code: string) => `region-${code}`,
  indicator: (code: string) => `indicator-${code}`,
  plan: (planId: string) => `plan-${planId}`,
  /** Every value reported for one indicator in one region (all parts and years). */
  series: (regionCode: string, indicatorCode: string) => `series-${regionCode}-${indicatorCode}`,
  /** A plan's region and report year on its way to approval (src/domain/approval). */
  period: periodStream,
} as const;
