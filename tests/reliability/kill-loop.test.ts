import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/database/connect.ts';
import { openDatabaseFromEnv } from '../../src/database/open-from-env.ts';
import type { ImportReport } from '../../src/imports/report.ts';
import { IMPORT_PLAN, IMPORT_REGION, importCatalog, sheetLines } from '../bench/import.ts';
import { insertEvents } from '../bench/support/insert-events.ts';
import { writeSheet } from '../bench/support/workbook.ts';
import { templateDataDir } from '../database/support/template-data-dir.ts';
import { testEngine } from '../support/database.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { upload } from './support/bad-inputs.ts';
import { until, walWritten } from './support/kill-timing.ts';
import { incrementalAndRebuilt } from './support/rebuild-equality.ts';

const ADMIN = 'kill-loop-admin';
const KILLS = 5;
/**
 * 2,000 indicator rows × 5 years: an import long enough to be killed while it writes. On PGlite the kill waits
 * for the log's files to grow, and a smaller import's WAL may reach them only as it commits: with 1,000 rows, once
 * events were smaller (no file name and hash each) and the import faster, CI saw the kill land after the commit.
 */
const ROWS = 2_000;
/** The imports that complete between kills: the first rows, new the first time, revised after. */
const SMALL_ROWS = 20;
const TAKEOVER = 'taking over the lock of a process that no longer exists';

/** A sheet of the first `rows` rows, every value shifted by `shift` (so each file differs from the others). */
async function sheet(dir: string, name: string, rows: number, shift: number): Promise<Buffer> {
  const lines = [...sheetLines(rows)].map((line) => ({ ...line, values: line.values.map((v) => v + shift) }));
  await writeSheet(join(dir, name), lines);
  return readFile(join(dir, name));
}

describe.runIf(testEngine === 'pglite')(
  'the service killed (SIGKILL) during an import five times in a row on one data directory',
  () => {
    let dataDir = '';
    let large: Buffer;
    const small: Buffer[] = [];
    let server: ServerProcess | undefined;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'plan-monitor-kill-loop-'));
      // Shifted less than the small ones' spread: a plausible next figure of the same series, not a jump.
      large = await sheet(dataDir, 'large.xlsx', ROWS, 0.5);
      for (let i = 1; i <= KILLS; i++) small.push(await sheet(dataDir, `small-${i}.xlsx`, SMALL_ROWS, i));
      // The catalog the sheets are read against: its region and plan, and an indicator for every row.
      await templateDataDir(dataDir);
      const setup = await openPglite(join(dataDir, 'pglite'));
      await insertEvents(setup.db, importCatalog(ROWS, { targets: false }));
      await setup.close();
    }, 120_000);
    afterAll(async () => {
      await server?.stop('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    });

    it('recovers each time: the stale lock taken over, no partial import, every completed import intact, projections equal a rebuild', async () => {
      const env = {
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        ADMIN_TOKEN: ADMIN,
        LOG_LEVEL: 'warn',
        RECALC_CRON: 'off',
      };
      const completed: { importId: string; events: number }[] = [];
      for (let kill = 1; kill <= KILLS; kill++) {
        server = await startServer(env);
        const running = server;
        // The killed service's lock was left behind: this one took it over, and said so.
        expect(running.output().includes(TAKEOVER)).toBe(kill > 1);

        // The killed import left nothing; every completed one is there.
        const listed = (await (await fetch(`${running.url}/api/v1/imports?limit=100`)).json()) as {
          imports: { importId: string }[];
        };
        expect(listed.imports.map((i) => i.importId).reverse()).toEqual(completed.map((c) => c.importId));
        const history = (await (
          await fetch(
            `${running.url}/api/v1/regions/${IMPORT_REGION}/indicators/bench-row-${ROWS - 1}/history`,
          )
        ).json()) as { entries: unknown[] };
        expect(history.entries).toEqual([]);

        // An import that completes, then one that is killed while it writes its events.
        const done = await upload(
          running.url,
          small[kill - 1] as Buffer,
          { region: IMPORT_REGION, plan: IMPORT_PLAN },
          ADMIN,
        );
        const report = (await done.json()) as ImportReport;
        expect([done.status, report.status]).toEqual([201, 'imported']);
        completed.push({ importId: report.importId, events: report.counts.new + report.counts.revised });

        const before = await walWritten(dataDir);
        const uploading = upload(
          running.url,
          large,
          { region: IMPORT_REGION, plan: IMPORT_PLAN, name: 'large.xlsx' },
          ADMIN,
        ).then(
          (response) => `answered ${response.status}`,
          (error: Error) => `cut off: ${error.message}`,
        );
        await until('the import writes', async () => (await walWritten(dataDir)) > before, 60_000);
        await running.stop('SIGKILL');
        server = undefined;
        expect(await uploading).toMatch(/^cut off/);
      }

      // The last kill's lock is taken over by the next opener, here the test itself.
      const logged: string[] = [];
      const database = await openDatabaseFromEnv(env, {
        role: 'cli',
        command: 'kill-loop check',
        log: (message) => logged.push(message),
      });
      try {
        expect(logged).toEqual([TAKEOVER]);
        const { rows } = await sql<{ import_id: string; n: number }>`
          SELECT data->'source'->>'importId' AS import_id, count(*)::int AS n FROM events
          WHERE data->'source'->>'importId' IS NOT NULL GROUP BY 1`.execute(database.db);
        const byImport = Object.fromEntries(rows.map((row) => [row.import_id, Number(row.n)]));
        expect(byImport).toEqual(Object.fromEntries(completed.map((c) => [c.importId, c.events])));
        const recorded = await database.db.selectFrom('imports').select('import_id').execute();
        expect(recorded.map((r) => r.import_id).sort()).toEqual(completed.map((c) => c.importId).sort());

        const { incremental, rebuilt, rows: projected } = await incrementalAndRebuilt(database.db);
        expect(projected).toBeGreaterThan(0);
        expect(incremental).toEqual(rebuilt);
      } finally {
        await database.close();
      }
    }, 300_000);
  },
);
