import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { PlanEvent, PlanEventType } from '../domain/events.ts';
import type { LogCheckpoint, RecordedEvent } from '../store/types.ts';
import type { FoldedEvent } from './folded-event.ts';

export type ProjectedEvent = PlanEvent & Omit<RecordedEvent, 'type' | 'data' | 'metadata'>;

/**
 * A read model kept in tables of its own. `apply` folds a batch of events (in log order) into its tables inside
 * the transaction that also moves its checkpoint, so a batch is applied exactly once.
 */
export interface Projection {
  name: string;
  /** Its tables, emptied when the projection is rebuilt from the start of the log. */
  tables: readonly (keyof Database)[];
  apply(trx: Kysely<Database>, events: readonly ProjectedEvent[]): Promise<void>;
  /**
   * For a rebuild from the start of the log: a fold of the whole log in memory with the same pure functions as
   * `apply`, written once into the empty tables. Without it a rebuild applies the log batch by batch.
   */
  replay?(): Replay;
}

/** A rebuild's fold of the whole log: fed the events in log order, then writes each table once. */
export interface Replay {
  /**
   * Event types `add` does nothing with (or that `write` folds on the server itself): a rebuild reads no event
   * of a type every replay leaves out.
   */
  readonly ignores: readonly PlanEventType[];
  /**
   * Optional: starts, before the first `add`, what can be written from the log up to `through` on the server
   * alone (beside the reads of the replay); `write` waits for it. Only called when the rebuild knows `through`
   * from the start.
   */
  start?(db: Kysely<Database>, through: LogCheckpoint, finished: Finished): Promise<void>;
  add(events: readonly FoldedEvent[]): void;
  /**
   * Writes the tables, empty and without their keys and indexes yet, as the log stands at `through`: the last
   * event the replay was fed, or would have been had it not left it out. A table may be handed to `finished` as
   * soon as it is written (its keys, indexes and statistics are then made beside the rest); the caller finishes
   * the others after.
   */
  write(db: Kysely<Database>, through: LogCheckpoint, finished: Finished): Promise<void>;
}

/** Gives a fresh table that is completely written its keys, indexes and planner statistics. */
export type Finished = (table: keyof Database) => Promise<void>;
