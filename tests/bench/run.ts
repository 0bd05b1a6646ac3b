// npm run bench: every benchmark, each against a floor measured in the same run (only ratios hold on these
// machines). Prints tables and writes tests/bench/results.json. Needs PostgreSQL: BENCH_DATABASE_URL, or a
// throwaway PostgreSQL 15 started here. `npm run bench -- import reads` runs only those (import, rebuild,
// reads, append); reads need the rebuild's database and run it too.

import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { appendBenchmark } from './append.ts';
import { importBenchmark } from './import.ts';
import { type ReadFigures, readBenchmark } from './reads.ts';
import { rebuildBenchmark } from './rebuild.ts';
import { PROVINCES } from './support/national.ts';
import { preparePgliteNation } from './support/pglite-nation.ts';
import { benchServer, freshDatabase } from './support/postgres.ts';

const chosen = new Set(process.argv.slice(2));
const wanted = (name: string) => chosen.size === 0 || chosen.has(name);
const server = benchServer();
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
// The load average is part of every figure: on a shared two-core machine a ratio means little without it.
const results: Record<string, unknown> = {
  measuredAt: new Date().toISOString(),
  commit,
  node: process.version,
  loadAverageAtStart: loadavg().map((n) => Number(n.toFixed(2))),
};
/** The goals of the issue, one line each, as the closing note quotes them. */
const goals: { benchmark: string; figure: string; goal: string; met: boolean }[] = [];
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const met = (ok: boolean) => (ok ? 'yes' : 'NO');

/** The import goals: ≤ 2× the floor on PostgreSQL (and under 300 MB at national scale), ≤ 3× on PGlite. */
function importGoal(f: { engine: string; ratio: number; values: number; import: { maxRssMB: number } }) {
  if (f.engine === 'pglite') return { goal: '≤ 3× floor', met: f.ratio <= 3 };
  if (f.values < 400_000) return { goal: '≤ 2× floor', met: f.ratio <= 2 };
  return { goal: '≤ 2× floor, peak RSS < 300 MB', met: f.ratio <= 2 && f.import.maxRssMB < 300 };
}

function printReads(reads: ReadFigures) {
  console.table(
    reads.runs.map((run) => ({
      route: run.route,
      'requests/s': fmt(run.requestsPerSecond),
      'p50 ms': run.p50,
      'p99 ms': run.p99,
      statuses: Object.entries(run.statuses)
        .map(([code, count]) => `${code}×${count}`)
        .join(' '),
      errors: run.errors,
    })),
  );
  const revalidated = reads.runs[1];
  console.log(
    `${reads.engine}: revalidated progress at ${(reads.ratioRevalidated * 100).toFixed(0)}% of the trivial route ` +
      `(goal ≥ 50%: ${met(reads.ratioRevalidated >= 0.5)}), p99 ${revalidated?.p99} ms (goal < 50 ms: ` +
      `${met((revalidated?.p99 ?? Infinity) < 50)}); full responses at ${(reads.ratioFull * 100).toFixed(0)}%`,
  );
}

try {
  if (wanted('import')) {
    console.log('== 1. import: generated workbooks through runImport, against streaming read + COPY');
    const figures = await importBenchmark(server.url);
    console.table(
      figures.map((f) => ({
        workbook: f.label,
        engine: f.engine,
        'file MB': fmt(f.fileMB, 1),
        'import s': fmt(f.import.seconds, 2),
        'values/s': fmt(f.valuesPerSecond),
        'floor s (read + COPY)': `${fmt(f.floor.seconds, 2)} (${fmt(f.floor.readSeconds, 2)} + ${fmt(f.floor.copySeconds, 2)})`,
        ratio: `${f.ratio.toFixed(2)}×`,
        'peak RSS MB': fmt(f.import.maxRssMB),
        'catch-up s': fmt(f.import.catchUpSeconds, 2),
        goal: importGoal(f).goal,
        met: met(importGoal(f).met),
      })),
    );
    for (const f of figures)
      goals.push({
        benchmark: `import ${fmt(f.values)} values, ${f.engine}`,
        figure: `${f.ratio.toFixed(2)}×, peak RSS ${fmt(f.import.maxRssMB)} MB`,
        ...importGoal(f),
      });
    results.import = figures;
  }

  if (wanted('rebuild') || wanted('reads')) {
    const database = await freshDatabase(server.url);
    try {
      console.log('== 2. rebuild: 1,000,000 events into every projection, against one set-based aggregate');
      const rebuild = await rebuildBenchmark(database.url);
      console.table([
        {
          events: fmt(rebuild.events),
          'rebuild s': fmt(rebuild.rebuildSeconds, 1),
          'of it read + fold s': fmt(rebuild.foldSeconds, 1),
          'events/s': fmt(rebuild.eventsPerSecond),
          'floor s (aggregate)': fmt(rebuild.floorSeconds, 1),
          'floor events/s': fmt(rebuild.floorEventsPerSecond),
          ratio: `${rebuild.ratio.toFixed(2)}×`,
          'goal met (≤ 3×)': met(rebuild.ratio <= 3),
        },
      ]);
      console.log(
        `catch-up after one county's import (${rebuild.catchUp.values} values, ${rebuild.catchUp.events} event applications), ` +
          `median of ${rebuild.catchUp.runsMs.length} counties: ${fmt(rebuild.catchUp.catchUpMs, 1)} ms beyond the import itself ` +
          `(median ${fmt(rebuild.catchUp.importMs, 1)} ms; each: ${rebuild.catchUp.runsMs.map((ms) => fmt(ms, 0)).join(', ')}); ` +
          `goal < 50 ms: ${met(rebuild.catchUp.catchUpMs < 50)}`,
      );
      results.rebuild = rebuild;
      goals.push({
        benchmark: `rebuild ${fmt(rebuild.events)} events`,
        figure: `${rebuild.ratio.toFixed(2)}×`,
        goal: '≤ 3× floor',
        met: rebuild.ratio <= 3,
      });
      goals.push({
        benchmark: `catch-up after one county's import (median of ${rebuild.catchUp.runsMs.length})`,
        figure: `${rebuild.catchUp.catchUpMs.toFixed(1)} ms`,
        goal: '< 50 ms',
        met: rebuild.catchUp.catchUpMs < 50,
      });

      if (wanted('reads')) {
        console.log('== 3. reads: autocannon, 100 connections, against the trivial route of the same server');
        const reads = await readBenchmark({ DATABASE_URL: database.url }, 'postgres', PROVINCES);
        printReads(reads);
        const dir = await mkdtemp(join(tmpdir(), 'plan-monitor-bench-pglite-'));
        try {
          const nation = await preparePgliteNation(dir);
          console.log(`PGlite: ${nation.description}`);
          const embedded = await readBenchmark({ DATA_DIR: dir }, 'pglite', nation.provinces);
          printReads(embedded);
          results.reads = { postgres: reads, pglite: { ...embedded, dataset: nation.description } };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
    } finally {
      await database.drop();
    }
  }

  if (wanted('append')) {
    console.log(
      '== 4. appends: our event store against Emmett’s PostgreSQL event store (same server, same events)',
    );
    // Two rounds: a goal counts as met only if it is met in both.
    const rounds = [];
    for (let round = 1; round <= 2; round++) {
      const append = await appendBenchmark(server.url);
      rounds.push(append);
      console.log(`round ${round} of 2`);
      console.table(
        append.rows.map((row) => ({
          workload: row.workload,
          'ours (events/s)': fmt(row.ours),
          'Emmett (events/s)': fmt(row.emmett),
          ratio: `${row.ratio.toFixed(2)}×`,
          'runs ours | Emmett (ABBA)': `${row.runs.ours.map((n) => fmt(n)).join(', ')} | ${row.runs.emmett.map((n) => fmt(n)).join(', ')}`,
          goal: row.goal,
          met: met(row.ratio >= 3),
        })),
      );
      console.log(
        `floor: COPY of the same ${fmt(append.copyRows)} rows into a bare table: ${fmt(append.copyRowsPerSecond)} rows/s`,
      );
    }
    results.append = rounds;
    for (const [i, row] of (rounds[0]?.rows ?? []).entries()) {
      const ratios = rounds.map((r) => r.rows[i]?.ratio ?? 0);
      goals.push({
        benchmark: `appends vs Emmett: ${row.workload}`,
        figure: ratios.map((r) => `${r.toFixed(2)}×`).join(', '),
        goal: '≥ 3× in both rounds',
        met: ratios.every((r) => r >= 3),
      });
    }
  }
} finally {
  server.stop();
}
results.loadAverageAtEnd = loadavg().map((n) => Number(n.toFixed(2)));
results.goals = goals;
if (goals.length > 0) {
  console.log(
    `== goals (load average ${(results.loadAverageAtStart as number[]).join(' ')} → ${(results.loadAverageAtEnd as number[]).join(' ')})`,
  );
  console.table(goals.map((g) => ({ ...g, met: met(g.met) })));
}
const path = resolve(import.meta.dirname, 'results.json');
await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
console.log(`results written to ${path}`);
