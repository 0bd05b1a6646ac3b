import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.ts';
import { upcast } from '../domain/upcast.ts';
import { readUntil } from '../store/read-until.ts';
import { type LogCheckpoint, START_OF_LOG } from '../store/types.ts';
import { computeRows, groupByPair } from './progress/compute.ts';
import { emptyInputs, evolveInputs, type ProgressInputs, pairKey } from './progress/inputs.ts';
import { cmp } from './progress/row.ts';
import { compareValues, type ProgressSource, type RowFilter } from './progress/source.ts';
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

/**
 * The progress read model as it stood at `asOf`. Its version (for ETags) is how many events were recorded up to
 * then and the last of them; the log is only folded when a document is asked for, so a 304 costs one query.
 */
export async function asOfSource(db: Kysely<Database>, asOf: Date): Promise<ProgressSource> {
  const { rows } = await sql<{ events: number; last: number | null }>`
    SELECT count(*)::int AS events, max(position) AS last FROM events WHERE recorded_at <= ${asOf}`.execute(
    db,
  );
  const version = `asOf:${asOf.toISOString()}:${rows[0]?.events ?? 0}:${rows[0]?.last ?? ''}`;
  let folded: Promise<ProgressInputs> | undefined;
  const inputs = () => {
    folded ??= foldedFor(db, version, () => progressInputsAsOf(db, asOf).then((result) => result.inputs));
    return folded;
  };
  const rowsOf = async (filter: RowFilter) => {
    const state = await inputs();
    const targets = [...state.targets.values()].filter(
      (t) =>
        (filter.planId === undefined || t.planId === filter.planId) &&
        (filter.regionCode === undefined || t.regionCode === filter.regionCode) &&
        (filter.indicatorCode === undefined || t.indicatorCode === filter.indicatorCode),
    );
    const pairs = new Set(targets.map((t) => pairKey(t.regionCode, t.indicatorCode)));
    const values = [...state.series.values()].filter((v) =>
      pairs.has(pairKey(v.regionCode, v.indicatorCode)),
    );
    return computeRows(targets, { ...state, valuesByPair: groupByPair(values) }).filter(
      (row) =>
        (filter.category === undefined || row.indicator.category === filter.category) &&
        (filter.status === undefined || row.status === filter.status),
    );
  };
  const currentValues = async (indicatorCode: string) =>
    [...(await inputs()).series.values()].filter(
      (v) => v.current !== null && v.indicatorCode === indicatorCode,
    );
  return {
    version,
    plan: async (planId) => (await inputs()).plans.get(planId),
    indicator: async (code) => (await inputs()).indicators.get(code),
    regions: async () => [...(await inputs()).regions.values()].sort((a, b) => cmp(a.code, b.code)),
    rows: rowsOf,
    async values(filter) {
      return (await currentValues(filter.indicatorCode))
        .filter(
          (v) =>
            (filter.regionCode === undefined || v.regionCode === filter.regionCode) &&
            (filter.year === undefined || v.year === filter.year),
        )
        .sort(compareValues);
    },
    async latestYear(indicatorCode) {
      const years = (await currentValues(indicatorCode)).map((v) => v.year);
      return years.length ? Math.max(...years) : undefined;
    },
  };
}

/**
 * The last few folds, by version (asOf and the events recorded up to it): a dashboard asks for the progress,
 * the scorecard and a trajectory as of the same date, and the log is folded once for all three. A version
 * only ever describes one state of the log, so a cached fold cannot be stale.
 */
const foldsByDatabase = new WeakMap<Kysely<Database>, Map<string, Promise<ProgressInputs>>>();
const FOLDS_KEPT = 2;

function foldedFor(
  db: Kysely<Database>,
  version: string,
  fold: () => Promise<ProgressInputs>,
): Promise<ProgressInputs> {
  let folds = foldsByDatabase.get(db);
  if (!folds) {
    folds = new Map();
    foldsByDatabase.set(db, folds);
  }
  let found = folds.get(version);
  if (found) {
    folds.delete(version);
  } else {
    found = fold();
    found.catch(() => folds?.delete(version));
  }
  folds.set(version, found);
  while (folds.size > FOLDS_KEPT) folds.delete(folds.keys().next().value as string);
  return found;
}
