import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { type AnyCommand, decide, evolve, initialState, type StreamState } from '../domain/decide.ts';
import { eventSchemaVersions, PlanEvent } from '../domain/events.ts';
import { streamOf } from '../domain/stream-of.ts';
import { upcast } from '../domain/upcast.ts';
import { appendToStreams, readStreams, StreamVersionConflict } from '../store/index.ts';

export interface HandledCommands {
  /** The events each command produced, in command order (an empty list: nothing changed). */
  eventsByCommand: PlanEvent[][];
  /** Global positions of all appended events. */
  positions: number[];
  /** With `until: 'sent'`: resolves once the events are written (await it before the transaction ends). */
  written: Promise<void>;
}

/**
 * Decides a batch of commands against the current state of their streams and appends the result in one
 * all-or-nothing append. Commands on the same stream see each other's effects in order. A concurrent writer on
 * one of the streams makes the append fail with StreamVersionConflict; `retries` re-reads and decides again.
 * Inside a transaction, pass retries 0: the caller owns the transaction and must retry it whole. `positions: false`
 * says the caller has no use for the appended events' positions (an import): a bulk append skips reading them.
 * `until: 'sent'` (inside a transaction) returns once a bulk append is sent; await `written` before it ends.
 */
export async function handleCommands(
  db: Kysely<Database>,
  commands: readonly AnyCommand[],
  options: { retries?: number; positions?: boolean; until?: 'written' | 'sent' } = {},
): Promise<HandledCommands> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await decideAndAppend(db, commands, options);
    } catch (error) {
      if (!(error instanceof StreamVersionConflict) || attempt >= retries) throw error;
    }
  }
}

async function decideAndAppend(
  db: Kysely<Database>,
  commands: readonly AnyCommand[],
  options: { positions?: boolean; until?: 'written' | 'sent' },
): Promise<HandledCommands> {
  const streamIds = [...new Set(commands.map(streamOf))];
  const history = await readStreams(db, streamIds);
  const states = new Map<string, { version: number; state: StreamState; pending: PlanEvent[] }>();
  for (const streamId of streamIds) {
    const events = history.get(streamId) ?? [];
    states.set(streamId, {
      version: events.at(-1)?.streamVersion ?? 0,
      state: events.map(upcast).reduce(evolve, initialState(streamId)),
      pending: [],
    });
  }
  const eventsByCommand = commands.map((command) => {
    const stream = states.get(streamOf(command));
    if (!stream) throw new Error('unreachable: every stream was loaded');
    const events = decide(command, stream.state);
    stream.state = events.reduce(evolve, stream.state);
    stream.pending.push(...events);
    return events;
  });
  const { positions, written } = await appendToStreams(
    db,
    [...states].map(([streamId, { version, pending }]) => ({
      streamId,
      expectedVersion: version,
      // The schema is the contract of the log: nothing that does not match it is ever recorded.
      // (parse returns a copy of its own: it is given its schema version rather than copied again)
      events: pending.map((event) =>
        Object.assign(PlanEvent.parse(event), { schemaVersion: eventSchemaVersions[event.type] }),
      ),
    })),
    { positions: options.positions, until: options.until },
  );
  return { eventsByCommand, positions, written: written ?? Promise.resolve() };
}
