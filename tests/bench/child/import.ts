// One import through the real path (runImport, as POST /api/v1/imports and npm run import call it), in a process
// of its own so that its peak memory is the import's. Usage:
//   tsx tests/bench/child/import.ts postgres URL | pglite DIR  FILE REGION PLAN → JSON on stdout.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { openPglite, openPostgres } from '../../../src/database/connect.ts';
import { runImport } from '../../../src/imports/run-import.ts';
import { catchUpAll } from '../../../src/projections/catch-up.ts';
import { projections } from '../../../src/projections/index.ts';

const [engine, where, path, region, plan] = process.argv.slice(2);
if (!engine || !where || !path || !region || !plan)
  throw new Error('usage: import.ts ENGINE URL|DIR FILE REGION PLAN');
// exceljs is loaded on a service's first upload (src/imports/read-workbook.ts); the floor's reader has it loaded
// before its clock starts, and so does the import here, as a running service has after its first upload.
await import('exceljs');
const database = engine === 'pglite' ? await openPglite(where) : openPostgres(where, { max: 4 });
try {
  const file = await readFile(path);
  const started = performance.now();
  // Where the time goes, from the import's own progress steps: catalog (before reading), reading (read, check and
  // write chunk by chunk, overlapped), checking (after the last row: the last chunk), writing (report, commit).
  const phases: Record<string, number> = {};
  let phase = 'catalog';
  let phaseStarted = started;
  const { report, reader } = await runImport(database.db, {
    file,
    fileName: basename(path),
    regionCode: region,
    planId: plan,
    dryRun: false,
    actor: { kind: 'system', id: 'bench', name: 'benchmark' },
    now: new Date('2016-03-01T00:00:00Z'),
    onProgress: (step) => {
      const now = performance.now();
      // 'reading' comes after each chunk: a phase's time is the sum of its stretches.
      phases[phase] = (phases[phase] ?? 0) + (now - phaseStarted) / 1000;
      phase = step;
      phaseStarted = now;
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const rssAfterImportMB = process.resourceUsage().maxRSS / 1024;
  if (report.status !== 'imported') {
    throw new Error(`import ${report.status}: ${JSON.stringify(report.problems.slice(0, 3))}`);
  }
  const catchUpStarted = performance.now();
  const projected = await catchUpAll(database.db, projections, { waitMs: 60_000 });
  const catchUpSeconds = (performance.now() - catchUpStarted) / 1000;
  process.stdout.write(
    JSON.stringify({
      seconds,
      values: report.counts.new + report.counts.revised,
      reader,
      phases,
      maxRssMB: rssAfterImportMB,
      catchUpSeconds,
      projected,
      maxRssWithCatchUpMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
} finally {
  await database.close();
}
