import { describe, expect, it } from 'vitest';
import { decidePeriod, type PeriodCommand } from '../../../src/domain/approval/decide.ts';
import { emptyPeriod, evolvePeriod, isLocked, type PeriodState } from '../../../src/domain/approval/state.ts';
import { DomainError } from '../../../src/domain/errors.ts';

const key = { planId: 'lianyungang-12fyp', regionCode: '320700', year: 2011 };
const metadata = (name: string) => ({
  actor: { kind: 'user' as const, id: `usr_${name}`, name },
  occurredAt: '2012-03-01T08:00:00Z',
});
const submit: PeriodCommand = { type: 'SubmitPeriod', data: key, metadata: metadata('王芳') };
const approve: PeriodCommand = { type: 'ApprovePeriod', data: key, metadata: metadata('赵敏') };
const reopen: PeriodCommand = {
  type: 'ReopenPeriod',
  data: { ...key, reason: '更正' },
  metadata: metadata('赵敏'),
};

/** The state after the commands, each decided against the one before. */
const folded = (...commands: PeriodCommand[]): PeriodState =>
  commands.reduce(
    (state, command) => decidePeriod(command, state).reduce(evolvePeriod, state),
    emptyPeriod(),
  );

const refusal = (command: PeriodCommand, state: PeriodState) => {
  try {
    decidePeriod(command, state);
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
  return 'allowed';
};

describe('a period’s transitions', () => {
  it('given an open period, when submitted, approved and reopened, then it is locked in between and records who', () => {
    expect(isLocked(emptyPeriod())).toBe(false);
    expect(folded(submit)).toMatchObject({ state: 'submitted', version: 1 });
    expect(isLocked(folded(submit))).toBe(true);
    expect(isLocked(folded(submit, approve))).toBe(true);
    const reopened = folded(submit, approve, reopen);
    expect(reopened).toEqual({ state: 'open', version: 3, reopenedAt: 3 });
    const [event] = decidePeriod(approve, folded(submit));
    expect(event).toMatchObject({ type: 'PeriodApproved', data: { ...key, by: { name: '赵敏' } } });
    // Submitting again after the reopen starts a new round: writes no longer point at the old reopen.
    expect(folded(submit, approve, reopen, submit)).toMatchObject({ state: 'submitted', reopenedAt: null });
  });

  it.each([
    ['approve an open period', approve, [] as PeriodCommand[]],
    ['reopen an open period', reopen, []],
    ['submit a submitted period', submit, [submit]],
    ['reopen a submitted period', reopen, [submit]],
    ['approve an approved period', approve, [submit, approve]],
    ['submit an approved period', submit, [submit, approve]],
  ])('given the wish to %s, then period_transition_invalid', (_, command, before) => {
    expect(refusal(command, folded(...before))).toBe('period_transition_invalid');
  });
});
