import { decideCatalog } from './catalog/decide.ts';
import { type CatalogStreamState, emptyCatalogStream, evolveCatalog } from './catalog/state.ts';
import type { CatalogCommand, SeriesCommand } from './commands.ts';
import type { PlanEvent } from './events.ts';
import { decideSeries } from './series/decide.ts';
import { emptySeries, evolveSeries, type SeriesState } from './series/state.ts';

export type AnyCommand = CatalogCommand | SeriesCommand;

/** A stream's state, whichever kind of stream it is. */
export type StreamState =
  | { kind: 'catalog'; state: CatalogStreamState }
  | { kind: 'series'; state: SeriesState };

export const isSeriesStream = (streamId: string) => streamId.startsWith('series-');

export const initialState = (streamId: string): StreamState =>
  isSeriesStream(streamId)
    ? { kind: 'series', state: emptySeries() }
    : { kind: 'catalog', state: emptyCatalogStream() };

export function evolve(current: StreamState, event: PlanEvent): StreamState {
  return current.kind === 'series'
    ? { kind: 'series', state: evolveSeries(current.state, event) }
    : { kind: 'catalog', state: evolveCatalog(current.state, event) };
}

export function decide(command: AnyCommand, current: StreamState): PlanEvent[] {
  if (command.type === 'ReportValue' || command.type === 'RetractValue') {
    if (current.kind !== 'series') throw new Error(`${command.type} needs a series stream`);
    return decideSeries(command, current.state);
  }
  if (current.kind !== 'catalog') throw new Error(`${command.type} needs a catalog stream`);
  return decideCatalog(command, current.state);
}
