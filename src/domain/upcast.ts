import type { PlanEvent } from './events.ts';

/**
 * Turns a stored event into the current shape of its type. Every type is at schema version 1 so far; when a
 * shape changes, its old versions are converted here, so nothing downstream sees two shapes.
 */
export function upcast(stored: {
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
}): PlanEvent {
  return { type: stored.type, data: stored.data, metadata: stored.metadata } as PlanEvent;
}
