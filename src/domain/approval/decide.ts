import { DomainError, unreachable } from '../errors.ts';
import type { EventMetadata } from '../vocabulary.ts';
import type { PeriodEvent, PeriodKey } from './events.ts';
import type { PeriodState, PeriodStateName } from './state.ts';

type Command<T extends string, D> = { type: T; data: PeriodKey & D; metadata: EventMetadata };
export type SubmitPeriod = Command<'SubmitPeriod', Record<never, never>>;
export type ApprovePeriod = Command<'ApprovePeriod', Record<never, never>>;
export type ReopenPeriod = Command<'ReopenPeriod', { reason: string }>;
export type PeriodCommand = SubmitPeriod | ApprovePeriod | ReopenPeriod;

/** Which state each command starts from. Who may issue it (role, region) is the caller's authorisation. */
const FROM: Record<PeriodCommand['type'], PeriodStateName> = {
  SubmitPeriod: 'open',
  ApprovePeriod: 'submitted',
  ReopenPeriod: 'approved',
};

const LABEL: Record<PeriodStateName, string> = { open: '未报送', submitted: '已报送', approved: '已审核' };

/**
 * A period's transition, or DomainError period_transition_invalid when its current state does not allow it:
 * submit an open period, approve a submitted one, reopen an approved one (with a reason). Pure.
 */
export function decidePeriod(command: PeriodCommand, current: PeriodState): PeriodEvent[] {
  const { planId, regionCode, year } = command.data;
  const from = FROM[command.type];
  if (current.state !== from) {
    throw new DomainError(
      'period_transition_invalid',
      {
        zh: `${regionCode} ${year} 年（规划 ${planId}）当前为“${LABEL[current.state]}”，不能${command.type === 'SubmitPeriod' ? '报送' : command.type === 'ApprovePeriod' ? '审核通过' : '退回重开'}（须为“${LABEL[from]}”）`,
        en: `the period ${planId} ${regionCode} ${year} is ${current.state}; ${command.type} needs it ${from}`,
      },
      { planId, regionCode, year, state: current.state, requires: from },
    );
  }
  const data = { planId, regionCode, year, by: command.metadata.actor };
  const { metadata } = command;
  switch (command.type) {
    case 'SubmitPeriod':
      return [{ type: 'PeriodSubmitted', data, metadata }];
    case 'ApprovePeriod':
      return [{ type: 'PeriodApproved', data, metadata }];
    case 'ReopenPeriod':
      return [{ type: 'PeriodReopened', data: { ...data, reason: command.data.reason }, metadata }];
    default:
      return unreachable(command);
  }
}
