// npm run bench: every benchmark, each against a floor measured in the same run (only ratios hold on these
// machines). Prints tables and writes tests/bench/results.json. Needs PostgreSQL: BENCH_DATABASE_URL, or a
// throwaway PostgreSQL 15 started here.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { appendBenchmark } from './append.ts';
import { benchServer } from './support/postgres.ts';

const server = benchServer();
const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), node: process.version };
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
try {
  console.log(
    '== appends: our event store against Emmett’s PostgreSQL event store (same server, same events)',
  );
  const append = await appendBenchmark(server.url);
  console.table(
    append.rows.map((row) => ({
      workload: row.workload,
      'ours (events/s)': fmt(row.ours),
      'Emmett (events/s)': fmt(row.emmett),
      ratio: `${row.ratio.toFixed(2)}×`,
      goal: row.goal,
      met: row.ratio >= 3 ? 'yes' : 'no',
    })),
  );
  console.log(
    `floor: COPY of the same ${fmt(append.copyRows)} rows into a bare table: ${fmt(append.copyRowsPerSecond)} rows/s`,
  );
  results.append = append;
} finally {
  server.stop();
}
const path = resolve(import.meta.dirname, 'results.json');
await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
console.log(`results written to ${path}`);
