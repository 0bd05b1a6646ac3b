import { unreachable } from '../errors.ts';
import type { PlanEvent } from '../events.ts';
import { type CurrentValue, statedValueOf } from '../stated-value.ts';

/** One region's indicator: the current value of each part and year; retracted ones are absent. */
export interface SeriesState {
  values: Map<string, CurrentValue>;
}

export const emptySeries = (): SeriesState => ({ values: new Map() });

export const seriesKey = (point: { part: string | null; year: number }) =>
  `${point.part ?? ''}|${point.year}`;

export function evolveSeries(state: SeriesState, event: PlanEvent): SeriesState {
  switch (event.type) {
    case 'ValueReported':
    case 'ValueRevised': {
      const current = { ...statedValueOf(event.data), statedAt: event.metadata.occurredAt };
      return { values: new Map(state.values).set(seriesKey(event.data), current) };
    }
    case 'ValueRetracted': {
      const values = new Map(state.values);
      values.delete(seriesKey(event.data));
      return { values };
    }
    case 'RegionRegistered':
    case 'IndicatorDefined':
    case 'PlanPublished':
    case 'TargetSet':
    case 'TargetRevised':
    case 'PeriodSubmitted':
    case 'PeriodApproved':
    case 'PeriodReopened':
    case 'TargetRestated':
    case 'TargetWithdrawn':
      return state;
    default:
      return unreachable(event);
  }
}
