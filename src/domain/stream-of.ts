import type { CatalogCommand, SeriesCommand } from './commands.ts';
import { unreachable } from './errors.ts';
import { streams } from './events.ts';

/** The stream a command is decided against: its consistency boundary. */
export function streamOf(command: CatalogCommand | SeriesCommand): string {
  switch (command.type) {
    case 'RegisterRegion':
      return streams.region(command.data.code);
    case 'DefineIndicator':
      return streams.indicator(command.data.code);
    case 'PublishPlan':
    case 'StateTarget':
    case 'WithdrawTarget':
      return streams.plan(command.data.planId);
    case 'ReportValue':
    case 'RetractValue':
      return streams.series(command.data.regionCode, command.data.indicatorCode);
    default:
      return unreachable(command);
  }
}
