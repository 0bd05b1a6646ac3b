import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { PlanEvent } from '../domain/events.ts';
import type { RecordedEvent } from '../store/types.ts';

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
}
