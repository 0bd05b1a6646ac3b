import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { upcast } from '../domain/upcast.ts';
import { readUntil } from '../store/read-until.ts';
import { type LogCheckpoint, START_OF_LOG } from '../store/types.ts';
import { emptyInputs, evolveInputs, type ProgressInputs } from './progress/inputs.ts';
import type { ProjectedEvent } from './projection.ts';

export interface InputsAsOf {
  inputs: ProgressInputs;
  /** How many events were recorded up to then, and the last of them (null: none). */
  events: number;
  last: LogCheckpoint | null;
}

/**
 * The inputs of progress as the log held them at `asOf` (events recorded up to then, inclusive): read with
 * readUntil and folded in memory by the same pure functions the SQL projection applies, so an as-of answer is
 * computed exactly as the live one would have been.
 */
export async function progressInputsAsOf(
  db: Kysely<Database>,
  asOf: Date,
  options: { batchSize?: number } = {},
): Promise<InputsAsOf> {
  const batchSize = options.batchSize ?? 10_000;
  const inputs = emptyInputs();
  let checkpoint: LogCheckpoint = START_OF_LOG;
  let events = 0;
  let last: LogCheckpoint | null = null;
  for (;;) {
    const recorded = await readUntil(db, asOf, checkpoint, batchSize);
    for (const event of recorded) evolveInputs(inputs, { ...event, ...upcast(event) } as ProjectedEvent);
    events += recorded.length;
    const end = recorded.at(-1);
    if (end) last = checkpoint = { transactionId: end.transactionId, position: end.position };
    if (recorded.length < batchSize) return { inputs, events, last };
  }
}
