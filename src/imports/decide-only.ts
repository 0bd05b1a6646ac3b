import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { type AnyCommand, decide, evolve, initialState, type StreamState } from '../domain/decide.ts';
import type { PlanEvent } from '../domain/events.ts';
import { streamOf } from '../domain/stream-of.ts';
import { upcast } from '../domain/upcast.ts';
import { readStreams } from '../store/index.ts';

/**
 * What commands would decide against the current streams, appending nothing: a dry run's new, revised and
 * unchanged, from the same deciders an import uses. Called chunk after chunk of one file: a stream met again in a
 * later chunk goes on from the state the earlier chunks' decisions left it in, as it would in the import.
 */
export class DecisionsWithoutAppending {
  private readonly states = new Map<string, StreamState>();

  constructor(private readonly db: Kysely<Database>) {}

  async decide(commands: readonly AnyCommand[]): Promise<PlanEvent[][]> {
    const unknown = [...new Set(commands.map(streamOf))].filter((id) => !this.states.has(id));
    const history = await readStreams(this.db, unknown);
    for (const id of unknown) {
      this.states.set(id, (history.get(id) ?? []).map(upcast).reduce(evolve, initialState(id)));
    }
    return commands.map((command) => {
      const id = streamOf(command);
      const state = this.states.get(id) ?? initialState(id);
      const events = decide(command, state);
      this.states.set(id, events.reduce(evolve, state));
      return events;
    });
  }
}
