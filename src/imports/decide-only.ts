import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { type AnyCommand, decide, evolve, initialState } from '../domain/decide.ts';
import type { PlanEvent } from '../domain/events.ts';
import { streamOf } from '../domain/stream-of.ts';
import { upcast } from '../domain/upcast.ts';
import { readStreams } from '../store/index.ts';

/**
 * What the commands would decide against the current streams, appending nothing: a dry run's new, revised and
 * unchanged, from the same deciders an import uses.
 */
export async function decideWithoutAppending(
  db: Kysely<Database>,
  commands: readonly AnyCommand[],
): Promise<PlanEvent[][]> {
  const streamIds = [...new Set(commands.map(streamOf))];
  const history = await readStreams(db, streamIds);
  const states = new Map(
    streamIds.map((id) => [id, (history.get(id) ?? []).map(upcast).reduce(evolve, initialState(id))]),
  );
  return commands.map((command) => {
    const id = streamOf(command);
    const state = states.get(id) ?? initialState(id);
    const events = decide(command, state);
    states.set(id, events.reduce(evolve, state));
    return events;
  });
}
