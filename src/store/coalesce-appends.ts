import { setImmediate } from 'node:timers';
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { type AppendResult, appendGroups, type StreamAppend } from './append-statements.ts';
import { StreamVersionConflict } from './types.ts';

/**
 * Group commit for appends made at the same moment outside a transaction. At most MAX_IN_FLIGHT statements per
 * database are running; appends arriving meanwhile wait and then go together in one statement, each all or
 * nothing on its own (appendGroups). With one writer nothing waits and every append goes alone; with many, the
 * cost of a round trip, a statement and a commit is shared (a commit of several appends is still all or nothing
 * for each, and readers see them as one transaction). An append to a stream that a waiting or running append
 * touches goes after it, so it sees it.
 */
const MAX_IN_FLIGHT = 2;
/** Larger appends go alone: there is little to share. */
const LARGEST_SHARED = 500;
const EVENTS_PER_SHARED_STATEMENT = 5_000;

type AppendAlone = (db: Kysely<Database>, streams: readonly StreamAppend[]) => Promise<AppendResult>;

interface Waiting {
  streams: readonly StreamAppend[];
  events: number;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

interface Queue {
  inFlight: number;
  waiting: Waiting[];
  /** A dispatch is scheduled for the end of this turn of the event loop. */
  scheduled: boolean;
  /** Streams of the statements in flight: an append to one of them waits until that statement is done. */
  busy: Set<string>;
}

const queues = new WeakMap<Kysely<Database>, Queue>();

export function coalescedAppend(
  db: Kysely<Database>,
  streams: readonly StreamAppend[],
  alone: AppendAlone,
): Promise<AppendResult> {
  let events = 0;
  for (const stream of streams) events += stream.events.length;
  if (events > LARGEST_SHARED) return alone(db, streams);
  let queue = queues.get(db);
  if (!queue) {
    queue = { inFlight: 0, waiting: [], scheduled: false, busy: new Set() };
    queues.set(db, queue);
  }
  const waiting = queue;
  return new Promise<AppendResult>((resolve, reject) => {
    waiting.waiting.push({ streams, events, resolve, reject });
    pump(db, waiting, alone);
  });
}

/**
 * Sends what waits, up to MAX_IN_FLIGHT statements. With nothing in flight (one writer) an append goes at once;
 * otherwise the dispatch waits for the end of this turn of the event loop, so the writers a finished statement
 * released, which come back with their next append a few promise steps later, share the next statement.
 */
function pump(db: Kysely<Database>, queue: Queue, alone: AppendAlone): void {
  if (queue.inFlight === 0 && !queue.scheduled) dispatch(db, queue, alone);
  else schedule(db, queue, alone);
}

function schedule(db: Kysely<Database>, queue: Queue, alone: AppendAlone): void {
  if (queue.scheduled || queue.inFlight >= MAX_IN_FLIGHT) return;
  queue.scheduled = true;
  setImmediate(() => {
    queue.scheduled = false;
    dispatch(db, queue, alone);
  });
}

function dispatch(db: Kysely<Database>, queue: Queue, alone: AppendAlone): void {
  while (queue.inFlight < MAX_IN_FLIGHT && queue.waiting.length > 0) {
    const batch = takeBatch(queue);
    if (batch.length === 0) return;
    queue.inFlight++;
    void runBatch(db, batch, alone).finally(() => {
      queue.inFlight--;
      for (const waiting of batch) for (const stream of waiting.streams) queue.busy.delete(stream.streamId);
      schedule(db, queue, alone);
    });
  }
}

/**
 * The waiting appends, in order, that fit one statement and touch no stream of an append in flight or ahead of
 * them (so each sees the one before it, instead of racing it); the others keep waiting, in order.
 */
function takeBatch(queue: Queue): Waiting[] {
  const batch: Waiting[] = [];
  const rest: Waiting[] = [];
  const taken = new Set(queue.busy);
  let events = 0;
  for (const waiting of queue.waiting) {
    const fits =
      events + waiting.events <= EVENTS_PER_SHARED_STATEMENT &&
      waiting.streams.every((stream) => !taken.has(stream.streamId));
    for (const stream of waiting.streams) taken.add(stream.streamId);
    if (!fits) {
      rest.push(waiting);
      continue;
    }
    batch.push(waiting);
    events += waiting.events;
    for (const stream of waiting.streams) queue.busy.add(stream.streamId);
  }
  queue.waiting = rest;
  return batch;
}

async function runBatch(db: Kysely<Database>, batch: Waiting[], alone: AppendAlone): Promise<void> {
  const [only] = batch;
  if (only && batch.length === 1) return alone(db, only.streams).then(only.resolve, only.reject);
  let outcomes: (AppendResult | StreamVersionConflict)[];
  try {
    outcomes = await appendGroups(
      db,
      batch.map((waiting) => waiting.streams),
    );
  } catch (error) {
    // The server refused the statement (a lost race, bad data in one append): it wrote nothing, so each append
    // goes again on its own and gets its own outcome. Any other failure (a lost connection) may have committed:
    // it is reported to all, never retried here.
    if (!refusedByServer(error)) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    for (const waiting of batch) await alone(db, waiting.streams).then(waiting.resolve, waiting.reject);
    return;
  }
  batch.forEach((waiting, i) => {
    const outcome = outcomes[i];
    if (outcome instanceof StreamVersionConflict || !outcome) waiting.reject(outcome);
    else waiting.resolve(outcome);
  });
}

/** An error the server reported for the statement (a SQLSTATE), as opposed to one of the connection. */
function refusedByServer(error: unknown): boolean {
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}
