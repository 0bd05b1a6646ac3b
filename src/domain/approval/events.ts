import { z } from 'zod';
import { Actor, EventMetadata, PlanId, RegionCode, Year } from '../vocabulary.ts';

/**
 * A period is one plan's region and report year on its way to approval: open → submitted (by a reporter) →
 * approved (by an approver) → open again only by a reopen with a reason. Each transition is an event in the
 * period's own stream. `by` repeats the metadata's actor in the data, so the periods read model shows who moved
 * a period when a rebuild folds the log without its metadata (src/store/read-for-replay.ts).
 */

const PeriodKey = { planId: PlanId, regionCode: RegionCode, year: Year };

const periodEvent = <T extends string, D extends z.ZodRawShape>(type: T, data: D) =>
  z.object({
    type: z.literal(type),
    data: z.object({ ...PeriodKey, by: Actor, ...data }),
    metadata: EventMetadata,
  });

export const PeriodSubmitted = periodEvent('PeriodSubmitted', {});
export const PeriodApproved = periodEvent('PeriodApproved', {});
export const PeriodReopened = periodEvent('PeriodReopened', { reason: z.string().trim().min(1).max(2000) });

export type PeriodEvent =
  | z.infer<typeof PeriodSubmitted>
  | z.infer<typeof PeriodApproved>
  | z.infer<typeof PeriodReopened>;

export const PERIOD_EVENT_TYPES = ['PeriodSubmitted', 'PeriodApproved', 'PeriodReopened'] as const;

export type PeriodKey = { planId: string; regionCode: string; year: number };

/** The stream of one period (plan ids and region codes hold no dash-free ambiguity: the year ends it). */
export const periodStream = (key: PeriodKey) => `period-${key.planId}-${key.regionCode}-${key.year}`;
