import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.ts';
import { upcast } from '../domain/upcast.ts';
import { countEventsThrough } from '../store/count-events-through.ts';
import { readAfter } from '../store/read-after.ts';
import { type ReplayRow, readForReplay } from '../store/read-for-replay.ts';
import { readReplayHorizon } from '../store/read-replay-horizon.ts';
import { type LogCheckpoint, type RecordedEvent, START_OF_LOG } from '../store/types.ts';
import { lockCheckpoint } from './checkpoint.ts';
import type { FoldedEvent } from './folded-event.ts';
import type { ProjectedEvent, Projection } from './projection.ts';
import { saveCheckpoint } from './save-checkpoint.ts';

export interface RebuildResult {
  projections: string[];
  /** Events replayed (each applied to every projection rebuilt). */
  events: number;
  durationMs: number;
}

export interface RebuildOptions {
  batchSize?: number;
  /** Called after each batch's transaction with the number of events replayed so far. */
  onProgress?: (replayed: number) => void;
  /** Called as each step ends, with its name and how long it took (the benchmark's breakdown). */
  onStep?: (step: string, ms: number) => void;
}

const asProjected = (recorded: readonly RecordedEvent[]) =>
  recorded.map((event) => ({ ...event, ...upcast(event) }) as ProjectedEvent);

/**
 * A replay's rows as the folds read them. The events of one append share its timestamp, so consecutive rows
 * share one Date instead of a Date each.
 */
function asFolded(rows: readonly ReplayRow[]): FoldedEvent[] {
  const events: FoldedEvent[] = new Array(rows.length);
  let recordedAt = new Date(Number.NaN);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as ReplayRow;
    if (row.recordedAtMs !== recordedAt.getTime()) recordedAt = new Date(row.recordedAtMs);
    const { type, data, metadata } = upcast({
      type: row.type,
      schemaVersion: row.schemaVersion,
      data: row.data,
      metadata: { occurredAt: row.occurredAt },
    });
    events[i] = { type, data, metadata, recordedAt } as FoldedEvent;
  }
  return events;
}

/**
 * Rebuilds projections from position 0 into fresh tables and swaps them in at the end, in one transaction, so
 * readers see the old tables until the new ones are complete, then the new ones.
 *
 * The fresh tables live in a schema of their own (see createFreshTable), made without keys and indexes. When
 * every projection has a `replay`, the log is replayed up to a horizon fixed at the start (readReplayHorizon):
 * what a replay folds on the server alone (the series values, nearly all of the log) starts at once, beside the
 * rest, which is read once, in batches, without the event types no replay reads here, and folded in memory with
 * the same pure functions `apply` uses. Each table is written once, in bulk, and only then given its keys,
 * indexes and statistics (building an index once is far cheaper than maintaining it row by row), as soon as it
 * is written. A projection without `replay` gets its keys first and applies every batch of the whole log into its
 * fresh tables. Meanwhile the projections keep catching up on the old tables. The swap transaction locks each
 * projection's checkpoint (so no catch-up runs meanwhile), applies the events appended since the horizon (or
 * the last read), drops the old tables, moves the new ones in, and sets the checkpoint to where the replay ended.
 */
export async function rebuildProjections(
  db: Kysely<Database>,
  projections: readonly Projection[],
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 10_000;
  const schema = `projection_rebuild_${randomBytes(4).toString('hex')}`;
  const tables = projections.flatMap((p) => p.tables);
  const replays = projections.map((p) => p.replay?.());
  let checkpoint: LogCheckpoint = START_OF_LOG;
  let replayed = 0;
  let stepStarted = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    options.onStep?.(name, now - stepStarted);
    stepStarted = now;
  };

  // Every projection folds in memory: the fold reads only what the folds use, up to a horizon fixed at the
  // start, and no event of a type every replay leaves out (those a replay folds on the server in its write).
  const lean = replays.every((replay) => replay !== undefined);
  const horizon = lean ? ((await readReplayHorizon(db)) ?? START_OF_LOG) : undefined;
  const except = lean ? leftOutByAll(replays.map((replay) => replay?.ignores ?? [])) : [];
  const readFolded = async (): Promise<{ count: number; events: readonly FoldedEvent[] }> => {
    if (!horizon) return readBatch(db);
    const rows = await readForReplay(db, checkpoint, batchSize, { through: horizon, except });
    const last = rows.at(-1);
    if (last) {
      checkpoint = { transactionId: last.transactionId, position: last.position };
      replayed += rows.length;
    }
    return { count: rows.length, events: asFolded(rows) };
  };

  const readBatch = async (trx: Kysely<Database>) => {
    const recorded = await readAfter(trx, checkpoint, batchSize);
    const last = recorded.at(-1);
    if (last) {
      checkpoint = { transactionId: last.transactionId, position: last.position };
      replayed += recorded.length;
    }
    return { count: recorded.length, events: asProjected(recorded) };
  };

  const starts: Promise<void>[] = [];
  const finishing = new Map<string, Promise<void>>();
  await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(db);
  const fresh = db.withSchema(schema);
  try {
    for (const [i, projection] of projections.entries()) {
      for (const table of projection.tables) {
        await createFreshTable(db, schema, table);
        if (!replays[i]) await addKeysAndIndexes(db, schema, table);
      }
    }
    // A table is finished (keys, indexes, statistics) once, as soon as its replay says it is written.
    const finished = (table: keyof Database) => {
      let done = finishing.get(table);
      if (!done) {
        done = db.connection().execute(async (connection) => {
          // Room to sort a national table's keys in memory (the default, 64 MB, spills them to disk); on one
          // connection of its own, each statement still its own short transaction.
          await sql`SET maintenance_work_mem = '256MB'`.execute(connection);
          try {
            await addKeysAndIndexes(connection, schema, table);
            // Statistics for the planner before anyone queries the new tables (the swap's own catch-up first).
            await sql`ANALYZE ${sql.id(schema, table)}`.execute(connection);
          } finally {
            await sql`RESET maintenance_work_mem`.execute(connection);
          }
        });
        done.catch(() => {}); // a replay need not wait for it: its failure is thrown below, with the others'
        finishing.set(table, done);
      }
      return done;
    };
    const withFinished = (i: number) => (table: keyof Database) =>
      projections[i]?.tables.includes(table)
        ? finished(table)
        : Promise.reject(new Error(`not a table: ${table}`));
    // What a replay writes from the log on the server alone runs beside the reads and folds of all of them.
    if (horizon)
      for (const [i, replay] of replays.entries()) {
        const begun = replay?.start?.(fresh, horizon, withFinished(i));
        if (begun) {
          starts.push(begun);
          begun.catch(() => {}); // awaited by its write, or below on a failure
        }
      }
    // How many events the replay stands for, counted beside it.
    const counted = horizon ? countEventsThrough(db, horizon) : undefined;
    counted?.catch(() => {}); // awaited after the reads
    step('create tables');
    // The next batch is read while this one is folded: the server encodes events as this process folds them.
    let next = readFolded();
    for (;;) {
      const { count, events } = await next;
      if (count === batchSize) {
        next = readFolded();
        next.catch(() => {}); // awaited on the next turn; observed here in case the fold throws first
      }
      for (const [i, projection] of projections.entries()) {
        const replay = replays[i];
        if (replay) replay.add(events);
        else if (count > 0)
          // Not lean (see readFolded): these are the ProjectedEvents readBatch made.
          await db
            .transaction()
            .execute((trx) => projection.apply(trx.withSchema(schema), events as readonly ProjectedEvent[]));
      }
      options.onProgress?.(replayed);
      if (count < batchSize) break;
    }
    if (horizon && counted) {
      // What was left out was replayed too, by the writes: the replay stands at the horizon.
      checkpoint = horizon;
      replayed = await counted;
      options.onProgress?.(replayed);
    }
    step('read and fold');
    // Each projection's tables are written, then finished, beside the others' (on connections of their own): the
    // server inserts and sorts for one while this process encodes rows for another.
    const written = await Promise.allSettled(
      projections.map(async (projection, i) => {
        const replay = replays[i];
        if (!replay) return;
        const began = performance.now();
        await replay.write(fresh, checkpoint, withFinished(i));
        const written = performance.now();
        await Promise.all(projection.tables.map(finished));
        options.onStep?.(`  ${projection.name}: write`, written - began);
        options.onStep?.(`  ${projection.name}: finish the rest`, performance.now() - written);
      }),
    );
    // All settled before a failure is thrown: the schema is dropped below with nothing still writing into it.
    await Promise.allSettled(finishing.values());
    for (const outcome of written) if (outcome.status === 'rejected') throw outcome.reason;
    step('write, keys, indexes, statistics');

    await db.transaction().execute(async (trx) => {
      for (const projection of projections) await lockCheckpoint(trx, projection.name);
      for (;;) {
        const { count, events } = await readBatch(trx);
        if (count > 0)
          for (const projection of projections) await projection.apply(trx.withSchema(schema), events);
        if (count < batchSize) break;
      }
      const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(trx);
      const home = rows[0]?.schema ?? 'public';
      for (const table of tables) {
        await sql`DROP TABLE ${sql.table(table)}`.execute(trx);
        await sql`ALTER TABLE ${sql.id(schema, table)} SET SCHEMA ${sql.id(home)}`.execute(trx);
      }
      for (const projection of projections) await saveCheckpoint(trx, projection.name, checkpoint);
      await sql`DROP SCHEMA ${sql.id(schema)}`.execute(trx);
    });
    step('swap');
  } finally {
    // Nothing still writing into the schema when it is dropped (a failure may leave a started write running).
    await Promise.allSettled(starts);
    await Promise.allSettled(finishing.values());
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
  }
  return {
    projections: projections.map((p) => p.name),
    events: replayed,
    durationMs: Math.round(performance.now() - started),
  };
}

/** The event types every one of these replays leaves out. */
function leftOutByAll(ignored: readonly (readonly string[])[]): string[] {
  const [first = [], ...others] = ignored;
  return first.filter((type) => others.every((list) => list.includes(type)));
}

/** An empty copy of `table` in `schema`: columns, defaults, checks and storage parameters, no keys or indexes. */
async function createFreshTable(db: Kysely<Database>, schema: string, table: string): Promise<void> {
  await sql`CREATE TABLE ${sql.id(schema, table)} (LIKE ${sql.table(table)} INCLUDING ALL EXCLUDING INDEXES)`.execute(
    db,
  );
  // LIKE copies no storage parameters (series_values keeps room on its pages for updates: fillfactor).
  const options = await sql<{ option: string }>`
    SELECT unnest(reloptions) AS option FROM pg_class WHERE oid = ${table}::regclass`.execute(db);
  if (options.rows.length > 0) {
    // Each option reads name=value, as SET takes it.
    const settings = options.rows.map(({ option }) => option).join(', ');
    await sql`ALTER TABLE ${sql.id(schema, table)} SET (${sql.raw(settings)})`.execute(db);
  }
}

/**
 * The keys and indexes of `table` on its fresh copy, under their own names (LIKE would invent new ones), so that
 * the swapped-in table is the one the migrations made.
 */
async function addKeysAndIndexes(db: Kysely<Database>, schema: string, table: string): Promise<void> {
  const constraints = await sql<{ name: string; definition: string }>`
    SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
    WHERE conrelid = ${table}::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname`.execute(db);
  for (const { name, definition } of constraints.rows) {
    await sql`ALTER TABLE ${sql.id(schema, table)} ADD CONSTRAINT ${sql.id(name)} ${sql.raw(definition)}`.execute(
      db,
    );
  }
  const indexes = await sql<{ definition: string }>`
    SELECT indexdef AS definition FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = ${table}
      AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = ${table}::regclass)
    ORDER BY indexname`.execute(db);
  for (const { definition } of indexes.rows) {
    // CREATE INDEX name ON public.table USING …: the same index on the fresh table.
    const onFresh = definition.replace(/ ON (ONLY )?\S+ USING /, ` ON "${schema}"."${table}" USING `);
    await sql.raw(onFresh).execute(db);
  }
}
