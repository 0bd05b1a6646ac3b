import type { PeriodHistoryEntry } from '../../database/schema.ts';
import { stateAfter } from '../../domain/approval/state.ts';
import type { FoldedEvent } from '../folded-event.ts';

/** A period row as the table holds it. */
export interface PeriodRow {
  plan_id: string;
  region_code: string;
  year: number;
  state: PeriodHistoryEntry['state'];
  history: PeriodHistoryEntry[];
}

export type PeriodRows = Map<string, PeriodRow>;

export const periodRowKey = (row: { plan_id: string; region_code: string; year: number }) =>
  `${row.plan_id}|${row.region_code}|${row.year}`;

type PeriodType = 'PeriodSubmitted' | 'PeriodApproved' | 'PeriodReopened';
export const PERIOD_EVENT_TYPES: readonly PeriodType[] = [
  'PeriodSubmitted',
  'PeriodApproved',
  'PeriodReopened',
];

export const isPeriodEvent = <E extends { type: string }>(
  event: E,
): event is Extract<E, { type: PeriodType }> =>
  event.type === 'PeriodSubmitted' || event.type === 'PeriodApproved' || event.type === 'PeriodReopened';

/** Folds one period event into the rows (others are not this read model's): its state and one more history entry. */
export function foldPeriod(rows: PeriodRows, event: FoldedEvent): void {
  if (!isPeriodEvent(event)) return;
  const { planId, regionCode, year, by } = event.data;
  const key = periodRowKey({ plan_id: planId, region_code: regionCode, year });
  const row = rows.get(key) ?? { plan_id: planId, region_code: regionCode, year, state: 'open', history: [] };
  const state = stateAfter(event.type);
  row.history.push({
    type: event.type,
    state,
    by: { kind: by.kind, id: by.id, name: by.name },
    at: event.metadata.occurredAt,
    reason: event.type === 'PeriodReopened' ? event.data.reason : null,
    version: row.history.length + 1,
  });
  row.state = state;
  rows.set(key, row);
}
