import type { z } from 'zod';
import type {
  IndicatorDefined,
  PlanPublished,
  RegionRegistered,
  TargetSet,
  TargetWithdrawn,
  ValueReported,
  ValueRetracted,
} from './events.ts';
import type { EventMetadata } from './vocabulary.ts';

type Command<T extends string, D> = { type: T; data: D; metadata: EventMetadata };

export type RegisterRegion = Command<'RegisterRegion', z.infer<typeof RegionRegistered>['data']>;
export type DefineIndicator = Command<'DefineIndicator', z.infer<typeof IndicatorDefined>['data']>;
export type PublishPlan = Command<'PublishPlan', z.infer<typeof PlanPublished>['data']>;
/** State a target. The first statement sets it; a later, different one revises it; the same one changes nothing. */
export type StateTarget = Command<'StateTarget', z.infer<typeof TargetSet>['data']>;
/** Withdraw a target no document states any more; nothing when the catalog does not hold it. */
export type WithdrawTarget = Command<
  'WithdrawTarget',
  Omit<z.infer<typeof TargetWithdrawn>['data'], 'previous'>
>;
/** Report an actual value. New, revised or unchanged, decided against what the series already holds. */
export type ReportValue = Command<'ReportValue', z.infer<typeof ValueReported>['data']>;
export type RetractValue = Command<'RetractValue', Omit<z.infer<typeof ValueRetracted>['data'], 'previous'>>;

export type CatalogCommand = RegisterRegion | DefineIndicator | PublishPlan | StateTarget | WithdrawTarget;
export type SeriesCommand = ReportValue | RetractValue;
