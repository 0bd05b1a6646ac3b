// The memory one dry run of the big sheet (600,000 values, ~5 MB) adds to a process, measured in a process of its
// own so that its peak is the import's. README (Configuration: IMPORT_CONCURRENCY) quotes the figures. Usage:
//   node --import tsx tests/reliability/support/dry-run-peak.ts [postgres SERVER_URL]   → JSON on stdout
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, openPostgres } from '../../../src/database/connect.ts';
import { runImport } from '../../../src/imports/run-import.ts';
import { freshDatabase } from '../../bench/support/postgres.ts';
import { BIG_SHEET_PLAN, BIG_SHEET_REGION, prepareBigSheetCatalog, writeBigSheet } from './big-sheet.ts';

const rssMB = async () => {
  const status = await readFile('/proc/self/status', 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
};

const [engine = 'pglite', serverUrl] = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'plan-monitor-dry-run-peak-'));
const fresh = engine === 'postgres' && serverUrl ? await freshDatabase(serverUrl) : undefined;
try {
  const database = fresh ? openPostgres(fresh.url, { max: 4 }) : await openPglite(join(dir, 'pglite'));
  try {
    const setup = performance.now();
    await prepareBigSheetCatalog(database.db);
    const sheet = await writeBigSheet(dir);
    const file = await readFile(sheet.path);
    const setupSeconds = (performance.now() - setup) / 1000;
    // What the process holds before the import, as close to its live set as a collection gets.
    globalThis.gc?.();
    const before = await rssMB();
    // The high-water mark from here on: /proc/self/clear_refs resets VmHWM where the kernel allows it.
    await import('node:fs/promises').then((fs) => fs.writeFile('/proc/self/clear_refs', '5')).catch(() => {});
    const started = performance.now();
    const { report, reader } = await runImport(database.db, {
      file,
      fileName: 'big.xlsx',
      regionCode: BIG_SHEET_REGION,
      planId: BIG_SHEET_PLAN,
      dryRun: true,
      actor: { kind: 'system', id: 'measure', name: 'dry-run-peak' },
      now: new Date(),
    });
    const seconds = (performance.now() - started) / 1000;
    const after = await rssMB();
    process.stdout.write(
      `${JSON.stringify({
        engine,
        fileMB: Math.round((sheet.bytes / 1024 / 1024) * 10) / 10,
        values: report.counts.observations,
        status: report.status,
        reader,
        setupSeconds: Math.round(setupSeconds),
        seconds: Math.round(seconds * 10) / 10,
        rssBeforeMB: Math.round(before.rss),
        peakMB: Math.round(after.hwm),
        addedPeakMB: Math.round(after.hwm - before.rss),
        heapUsedAfterMB: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
      })}\n`,
    );
  } finally {
    await database.close();
  }
} finally {
  await fresh?.drop();
  await rm(dir, { recursive: true, force: true });
}
