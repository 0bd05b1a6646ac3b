import { canonicalJson } from '../canonical-json.ts';
import type { CatalogCommand } from '../commands.ts';
import { DomainError, unreachable } from '../errors.ts';
import type { EventOf, PlanEvent } from '../events.ts';
import { isOlderThan, rangeProblem, sameStatedValue, statedValueOf } from '../stated-value.ts';
import type { CatalogStreamState } from './state.ts';
import { sameCitation, targetKey } from './state.ts';

/** Definitions compare without their citation: re-citing the same facts changes nothing. */
const sameDefinition = (a: object | undefined, b: object) => {
  if (!a) return false;
  const { source: _a, ...left } = a as { source?: unknown };
  const { source: _b, ...right } = b as { source?: unknown };
  return canonicalJson(left) === canonicalJson(right);
};

/**
 * Decides the events of a catalog command against the state of its stream. Idempotent: a command that states
 * what the stream already holds yields no event, so the seed can run any number of times.
 */
export function decideCatalog(command: CatalogCommand, state: CatalogStreamState): PlanEvent[] {
  const { metadata } = command;
  switch (command.type) {
    case 'RegisterRegion':
      return sameDefinition(state.region, command.data)
        ? []
        : [{ type: 'RegionRegistered', data: command.data, metadata }];
    case 'DefineIndicator':
      return sameDefinition(state.indicator, command.data)
        ? []
        : [{ type: 'IndicatorDefined', data: command.data, metadata }];
    case 'PublishPlan':
      return sameDefinition(state.plan, command.data)
        ? []
        : [{ type: 'PlanPublished', data: command.data, metadata }];
    case 'StateTarget': {
      if (!state.plan) {
        throw new DomainError(
          'plan_not_published',
          {
            zh: `规划 ${command.data.planId} 尚未发布，不能设定目标`,
            en: `plan ${command.data.planId} is not published: no target can be set for it`,
          },
          { planId: command.data.planId },
        );
      }
      const malformed = rangeProblem(command.data);
      if (malformed) {
        throw new DomainError('target_range_invalid', malformed, {
          planId: command.data.planId,
          indicatorCode: command.data.indicatorCode,
        });
      }
      const current = state.targets.get(targetKey(command.data));
      if (!current) return [{ type: 'TargetSet', data: command.data, metadata }];
      // A statement older than the current value's carries no news, not even a citation: a document that said the
      // same before a revision is in the revision's history, and a second run of the seed appends nothing.
      if (isOlderThan(metadata.occurredAt, current)) return [];
      if (sameStatedValue(current, command.data)) {
        // The same value from another place: one more citation, once.
        const cited = current.citations.some((c) => sameCitation(c, command.data.source));
        return cited ? [] : [{ type: 'TargetRestated', data: command.data, metadata }];
      }
      const revision: EventOf<'TargetRevised'> = {
        type: 'TargetRevised',
        data: {
          ...command.data,
          previous: { ...statedValueOf(current), source: current.source, citations: current.citations },
        },
        metadata,
      };
      return [revision];
    }
    case 'WithdrawTarget': {
      // Nothing to withdraw (a log seeded after the fact never held it, or it is withdrawn already): no event.
      const current = state.targets.get(targetKey(command.data));
      if (!current || isOlderThan(metadata.occurredAt, current)) return [];
      const withdrawal: EventOf<'TargetWithdrawn'> = {
        type: 'TargetWithdrawn',
        data: { ...command.data, previous: { ...statedValueOf(current), source: current.source } },
        metadata,
      };
      return [withdrawal];
    }
    default:
      return unreachable(command);
  }
}
