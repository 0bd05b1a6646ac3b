import type { SeriesCommand } from '../commands.ts';
import { DomainError, unreachable } from '../errors.ts';
import type { PlanEvent } from '../events.ts';
import { isOlderThan, sameStatedValue, statedValueOf } from '../stated-value.ts';
import { type SeriesState, seriesKey } from './state.ts';

/**
 * Reporting a value: new (ValueReported), different from the current one (ValueRevised, which keeps the old one
 * in history) or the same (nothing). Uploads and API writes are ordered by the log alone: each is decided against
 * what was committed before it, so a later commit revises an earlier one, whatever the clocks of the instances
 * that took them said. Only a plan document's statement carries a date of its own (the day it was issued), and
 * one older than the current value's changes nothing (isOlderThan): re-seeding never undoes a clerk's correction.
 * Retracting removes the current value, by a new event.
 */
export function decideSeries(command: SeriesCommand, state: SeriesState): PlanEvent[] {
  const { metadata } = command;
  const current = state.values.get(seriesKey(command.data));
  switch (command.type) {
    case 'ReportValue':
      if (!current) return [{ type: 'ValueReported', data: command.data, metadata }];
      if (sameStatedValue(current, command.data)) return [];
      if (command.data.source.kind === 'document' && isOlderThan(metadata.occurredAt, current)) return [];
      return [
        { type: 'ValueRevised', data: { ...command.data, previous: statedValueOf(current) }, metadata },
      ];
    case 'RetractValue':
      if (!current) {
        throw new DomainError(
          'value_not_reported',
          {
            zh: `${command.data.regionCode} 的指标 ${command.data.indicatorCode} 在 ${command.data.year} 年没有可撤回的数值`,
            en: `no ${command.data.year} value of ${command.data.indicatorCode} in ${command.data.regionCode} to retract`,
          },
          { ...command.data },
        );
      }
      return [
        { type: 'ValueRetracted', data: { ...command.data, previous: statedValueOf(current) }, metadata },
      ];
    default:
      return unreachable(command);
  }
}
