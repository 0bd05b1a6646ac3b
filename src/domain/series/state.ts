import { unreachable } from '../errors.ts';
import type { PlanEvent } from '../events.ts';
import type { StatedValue } from '../stated-value.ts';

/** The current value of each part and year of one region's indicator. Retracted values are absent. */
export type SeriesState = Map<string, StatedValue>;

export const emptySeries = (): SeriesState => new Map();

export const seriesKey = (point: { part: string | null; year: number }) =>
  `${point.part ?? ''}|${point.year}`;

export function evolveSeries(state: SeriesState, event: PlanEvent): SeriesState {
  switch (event.type) {
    case 'ValueReported':
    case 'ValueRevised': {
      const next = new Map(state);
      const { comparator, value, unit } = event.data;
      next.set(seriesKey(event.data), { comparator, value, unit });
      return next;
    }
    case 'ValueRetracted': {
      const next = new Map(state);
      next.delete(seriesKey(event.data));
      return next;
    }
    case 'RegionRegistered':
    case 'IndicatorDefined':
    case 'PlanPublished':
    case 'TargetSet':
    case 'TargetRevised':
      return state;
    default:
      return unreachable(event);
  }
}
