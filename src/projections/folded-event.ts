import type { PlanEvent } from '../domain/events.ts';
import type { EventMetadata } from '../domain/vocabulary.ts';

/**
 * What the pure folds read of an event: its type and data, when it occurred and when the log recorded it. A
 * ProjectedEvent is one; a rebuild's replay reads no more than this from the log (see store/read-for-replay.ts).
 */
export type FoldedEvent = PlanEvent extends infer E
  ? E extends PlanEvent
    ? Omit<E, 'metadata'> & { metadata: Pick<EventMetadata, 'occurredAt'>; recordedAt: Date }
    : never
  : never;

/** The FoldedEvent of one type. */
export type FoldedEventOf<T extends PlanEvent['type']> = Extract<FoldedEvent, { type: T }>;
