import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openPostgres } from '../../src/database/connect.ts';
import { migrateToLatest } from '../../src/database/migrate.ts';
import { runImport } from '../../src/imports/run-import.ts';
import { catchUpAll } from '../../src/projections/catch-up.ts';
import { projections } from '../../src/projections/index.ts';
import { rebuildProjections } from '../../src/projections/rebuild.ts';
import { copyEvents } from './support/copy-events.ts';
import {
  catalogEvents,
  countyCode,
  indicatorCode,
  PROVINCES,
  planOf,
  pointValue,
  valueEvents,
  YEARS,
} from './support/national.ts';
import { writeSheet } from './support/workbook.ts';

/** 60 indicators per county, targets for 30 of them: 87,196 catalog events and 840,000 values. */
export const nationalShape = { indicators: 60, targetIndicators: 30 };
/**
 * The full benchmark is the whole country; BENCH_REBUILD_PROVINCES=n (4 to 28) runs the same shape on the first n
 * provinces, with the events scaled alike, for a quicker development loop. Figures to report come from all 28.
 */
const provinces = PROVINCES.slice(
  0,
  Math.max(4, Number(process.env.BENCH_REBUILD_PROVINCES ?? PROVINCES.length)),
);
export const TOTAL_EVENTS = Math.round((1_000_000 * provinces.length) / PROVINCES.length);

/** The national log of TOTAL_EVENTS events, written by COPY (setup, not measured against anything). */
export async function loadNationalLog(url: string): Promise<{ events: number; seconds: number }> {
  const database = openPostgres(url, { max: 2 });
  try {
    await migrateToLatest(database.db);
  } finally {
    await database.close();
  }
  const started = performance.now();
  const catalog = await copyEvents(url, catalogEvents({ ...nationalShape, provinces }));
  const values = provinces.length * 100 * nationalShape.indicators * YEARS.length;
  const revisions = TOTAL_EVENTS - catalog - values;
  const written = await copyEvents(
    url,
    valueEvents({ indicators: nationalShape.indicators, revisions, provinces }),
  );
  return { events: catalog + written, seconds: (performance.now() - started) / 1000 };
}

/**
 * The floor of a rebuild: one set-based statement that folds the same events into the current value of every
 * region × indicator × part × year with its revision count, written into a bare table.
 */
async function floorAggregate(url: string): Promise<number> {
  const database = openPostgres(url, { max: 1 });
  try {
    const started = performance.now();
    await sql`
      CREATE TABLE floor_series AS
      SELECT data->>'regionCode' AS region_code, data->>'indicatorCode' AS indicator_code,
             coalesce(data->>'part', '') AS part, (data->>'year')::int AS year,
             (array_agg(data->'value' ORDER BY transaction_id DESC, position DESC))[1] AS value,
             count(*) FILTER (WHERE event_type = 'ValueRevised') AS revisions,
             json_agg(data ORDER BY transaction_id, position) AS history
      FROM events
      WHERE event_type IN ('ValueReported', 'ValueRevised', 'ValueRetracted')
      GROUP BY 1, 2, 3, 4`.execute(database.db);
    return (performance.now() - started) / 1000;
  } finally {
    await sql`DROP TABLE IF EXISTS floor_series`.execute(database.db);
    await database.close();
  }
}

/**
 * The k-th county's sheet for 2011–2015, every value revised: the new imports the catch-up latency is measured on
 * (a different county each time, so each is a whole county's worth of new revisions).
 */
async function countySheet(
  dir: string,
  k: number,
): Promise<{ file: Buffer; region: string; planId: string }> {
  const province = PROVINCES[3] ?? 44;
  const region = countyCode(province, 5 + Math.floor(k / 10), 1 + (k % 10));
  const path = join(dir, `county-${k}.xlsx`);
  await writeSheet(
    path,
    Array.from({ length: nationalShape.indicators }, (_, i) => ({
      code: indicatorCode(i),
      name: `基准指标${i}`,
      unit: i % 2 === 0 ? '%' : '万户',
      values: YEARS.map((year) => pointValue(9_999, i, year) + 0.3),
    })),
  );
  return { file: await readFile(path), region, planId: planOf(province) };
}

/** The catch-up latency is the median of this many imports, one county each. */
export const CATCH_UPS = 12;

export interface RebuildFigures {
  events: number;
  setupSeconds: number;
  rebuildSeconds: number;
  /** Of rebuildSeconds, reading and folding the log (until the last batch was folded); the rest is writing. */
  foldSeconds: number;
  /** Each step of the rebuild and its wall time in ms (the writes of the projections overlap). */
  steps: Record<string, number>;
  /** CPU time of this process (the server's is not counted) during the rebuild. */
  nodeCpuSeconds: number;
  eventsPerSecond: number;
  floorSeconds: number;
  floorEventsPerSecond: number;
  ratio: number;
  /** Median of CATCH_UPS imports (catchUpMs, importMs); each import's catch-up in `runs`. */
  catchUp: { importMs: number; values: number; catchUpMs: number; events: number; runsMs: number[] };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** Benchmark 2 on `url` (a fresh database): load the log, rebuild, the floor, then one import's catch-up. */
export async function rebuildBenchmark(url: string): Promise<RebuildFigures> {
  const setup = await loadNationalLog(url);
  const database = openPostgres(url, { max: 4 });
  const dir = await mkdtemp(join(tmpdir(), 'plan-monitor-bench-'));
  try {
    await sql`VACUUM ANALYZE events`.execute(database.db);
    const started = performance.now();
    const cpu = process.cpuUsage();
    let folded = started;
    const steps: Record<string, number> = {};
    const rebuilt = await rebuildProjections(database.db, projections, {
      onProgress: () => {
        folded = performance.now();
      },
      onStep: (step, ms) => {
        steps[step.trim()] = Math.round(ms);
      },
    });
    const used = process.cpuUsage(cpu);
    const rebuildSeconds = (performance.now() - started) / 1000;
    await sql`VACUUM ANALYZE`.execute(database.db);
    const floorSeconds = await floorAggregate(url);

    // Catch-up of new imports on top of the log, one county at a time: each import, then its catch-up alone.
    await catchUpAll(database.db, projections);
    const imports: { importMs: number; catchUpMs: number; values: number; events: number }[] = [];
    for (let k = 0; k < CATCH_UPS; k++) {
      const sheet = await countySheet(dir, k);
      const importStarted = performance.now();
      const outcome = await runImport(database.db, {
        file: sheet.file,
        fileName: `county-${k}.xlsx`,
        regionCode: sheet.region,
        planId: sheet.planId,
        dryRun: false,
        actor: { kind: 'system', id: 'bench', name: 'benchmark' },
        now: new Date('2017-12-01T00:00:00Z'),
      });
      const importMs = performance.now() - importStarted;
      if (outcome.report.status !== 'imported') throw new Error(`county import ${outcome.report.status}`);
      const catchUpStarted = performance.now();
      const events = await catchUpAll(database.db, projections);
      const catchUpMs = performance.now() - catchUpStarted;
      imports.push({ importMs, catchUpMs, values: outcome.report.counts.observations, events });
    }
    return {
      events: rebuilt.events,
      setupSeconds: setup.seconds,
      rebuildSeconds,
      foldSeconds: (folded - started) / 1000,
      steps,
      nodeCpuSeconds: (used.user + used.system) / 1e6,
      eventsPerSecond: rebuilt.events / rebuildSeconds,
      floorSeconds,
      floorEventsPerSecond: rebuilt.events / floorSeconds,
      ratio: rebuildSeconds / floorSeconds,
      catchUp: {
        importMs: median(imports.map((i) => i.importMs)),
        values: imports[0]?.values ?? 0,
        catchUpMs: median(imports.map((i) => i.catchUpMs)),
        events: imports[0]?.events ?? 0,
        runsMs: imports.map((i) => i.catchUpMs),
      },
    };
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}
