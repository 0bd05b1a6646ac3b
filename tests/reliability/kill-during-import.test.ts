import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenDatabase, openPglite, openPostgres } from '../../src/database/connect.ts';
import { migrateToLatest } from '../../src/database/migrate.ts';
import type { ImportReport } from '../../src/imports/report.ts';
import { IMPORT_PLAN, IMPORT_REGION, importCatalog, sheetLines } from '../bench/import.ts';
import { insertEvents } from '../bench/support/insert-events.ts';
import { writeSheet } from '../bench/support/workbook.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { upload } from './support/bad-inputs.ts';
import { until, walWritten } from './support/kill-timing.ts';

const ADMIN = 'kill-test-admin';
/**
 * 2,000 indicator rows × 5 years: an import long enough to be killed while it writes. On PGlite the kill waits
 * for the log's files to grow, and a smaller import's WAL may reach them only as it commits: with 1,000 rows, once
 * events were smaller (no file name and hash each) and the import faster, CI saw the kill land after the commit.
 */
const ROWS = 2_000;

describe(`the server killed (SIGKILL) in the middle of a large import, then restarted (${testEngine})`, () => {
  let env: Record<string, string>;
  let direct: () => Promise<OpenDatabase>;
  let cleanup: () => Promise<void> = async () => {};
  let dataDir = '';
  let file: Buffer;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plan-monitor-kill-'));
    await writeSheet(join(dir, 'large.xlsx'), sheetLines(ROWS));
    file = await readFile(join(dir, 'large.xlsx'));
    let setup: OpenDatabase;
    if (testEngine === 'postgres') {
      const database = await openTestDatabase({ migrate: false });
      env = { DATABASE_URL: database.url ?? '' };
      direct = async () => openPostgres(database.url ?? '', { max: 2 });
      setup = { ...database, close: async () => {} };
      cleanup = async () => {
        await database.close();
        await rm(dir, { recursive: true, force: true });
      };
    } else {
      dataDir = dir;
      env = { DATA_DIR: dir };
      direct = () => openPglite(join(dir, 'pglite'));
      setup = await openPglite(join(dir, 'pglite'));
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
    // The catalog the sheet is read against: its region and plan, and an indicator for every row.
    await migrateToLatest(setup.db);
    await insertEvents(setup.db, importCatalog(ROWS, { targets: false }));
    await setup.close();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await cleanup();
  });

  it('leaves no event of that import, and the same upload succeeds after the restart', async () => {
    server = await startServer({ ...env, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn', RECALC_CRON: 'off' });
    const killed = server;
    const sha256 = createHash('sha256').update(file).digest('hex');

    // Wait until the import is writing its events, then kill the process without a chance to clean up.
    let writing: () => Promise<boolean>;
    let watcher: OpenDatabase | undefined;
    if (testEngine === 'postgres') {
      watcher = await direct();
      const db = watcher.db;
      writing = async () => {
        const { rows } = await sql<{ n: number }>`
          SELECT count(*) AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
            AND (query LIKE '%COPY events%' OR query LIKE '%append_to_streams%')`.execute(db);
        return Number(rows[0]?.n) > 0;
      };
    } else {
      const before = await walWritten(dataDir);
      writing = async () => (await walWritten(dataDir)) > before;
    }
    const uploading = upload(
      killed.url,
      file,
      { region: IMPORT_REGION, plan: IMPORT_PLAN, name: 'large.xlsx' },
      ADMIN,
    ).then(
      (response) => `answered ${response.status}`,
      (error: Error) => `cut off: ${error.message}`,
    );
    await until('the import writes', writing, 60_000);
    await killed.stop('SIGKILL');
    expect(await uploading).toMatch(/^cut off/);
    await watcher?.close();

    // A new process on the same database: nothing of the killed import, and the upload goes through again.
    server = await startServer({ ...env, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn', RECALC_CRON: 'off' });
    const imports = (await (await fetch(`${server.url}/api/v1/imports`)).json()) as { imports: unknown[] };
    expect(imports.imports).toEqual([]);
    const response = await upload(
      server.url,
      file,
      { region: IMPORT_REGION, plan: IMPORT_PLAN, name: 'large.xlsx' },
      ADMIN,
    );
    const report = (await response.json()) as ImportReport;
    expect([response.status, report.status]).toEqual([201, 'imported']);
    expect(report.counts.new).toBe(ROWS * 5);
    await server.stop();
    server = undefined;

    const database = await direct();
    try {
      const { rows } = await sql<{ import_id: string; n: number }>`
        SELECT i.import_id, count(*) AS n FROM events e JOIN imports i ON e.data->'source'->>'importId' = i.import_id
        WHERE i.file_sha256 = ${sha256} GROUP BY 1`.execute(database.db);
      expect(rows.map((row) => [row.import_id, Number(row.n)])).toEqual([[report.importId, ROWS * 5]]);
    } finally {
      await database.close();
    }
  }, 180_000);
});
