import { unreachable } from '../errors.ts';
import type { PeriodEvent } from './events.ts';

export type PeriodStateName = 'open' | 'submitted' | 'approved';

/** Where a period stands, and the stream version of the reopen that last opened it (writes then point at it). */
export interface PeriodState {
  state: PeriodStateName;
  version: number;
  reopenedAt: number | null;
}

export const emptyPeriod = (): PeriodState => ({ state: 'open', version: 0, reopenedAt: null });

/** The state each transition leads to. */
export function stateAfter(type: PeriodEvent['type']): PeriodStateName {
  switch (type) {
    case 'PeriodSubmitted':
      return 'submitted';
    case 'PeriodApproved':
      return 'approved';
    case 'PeriodReopened':
      return 'open';
    default:
      return unreachable(type);
  }
}

export function evolvePeriod(current: PeriodState, event: PeriodEvent): PeriodState {
  const version = current.version + 1;
  return {
    state: stateAfter(event.type),
    version,
    reopenedAt:
      event.type === 'PeriodReopened'
        ? version
        : event.type === 'PeriodSubmitted'
          ? null
          : current.reopenedAt,
  };
}

/** True when values of the period may not change: submitted or approved. */
export const isLocked = (period: PeriodState) => period.state !== 'open';
