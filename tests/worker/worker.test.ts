import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { OpenDatabase } from '../../src/database/connect.ts';
import { createApp } from '../../src/http/app.ts';
import { catchUpAll } from '../../src/projections/catch-up.ts';
import { projections } from '../../src/projections/index.ts';
import { prepareDatabase } from '../../src/startup.ts';
import { catchUpFully } from '../projections/catch-up-fully.ts';
import { openTestDatabase } from '../support/database.ts';
import { bundleWorker, type LocalWorker, startLocalWorker, workerdUnavailable } from './local-worker.ts';

// The worker runs on PostgreSQL only (no PGlite on Workers): without a server there is nothing to run it against.
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  console.warn(
    'tests/worker skipped: the worker needs PostgreSQL; set TEST_DATABASE_URL (bash .ci/run does)',
  );
}

const ADMIN_TOKEN = 'worker-test-admin-token';
const REGION = '320400';
const TEMPLATE = resolve(import.meta.dirname, '../../templates/changzhou-12fyp.xlsx');

/** Changzhou's template as a bureau fills it in: 2011 and 2012 values for two indicators. */
async function filledTemplate(values: Record<string, [number, number]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(TEMPLATE);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the template has no sheet');
  const heading = sheet.getRow(2);
  let [column2011, column2012] = [0, 0];
  heading.eachCell((cell, column) => {
    if (cell.value === '2011年') column2011 = column;
    if (cell.value === '2012年') column2012 = column;
  });
  const filled = new Set<string>();
  sheet.eachRow((row) => {
    const code = row.getCell(1).value;
    const pair = typeof code === 'string' ? values[code] : undefined;
    if (!pair || typeof code !== 'string') return;
    row.getCell(column2011).value = pair[0];
    row.getCell(column2012).value = pair[1];
    filled.add(code);
  });
  expect([...filled].sort()).toEqual(Object.keys(values).sort());
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.skipIf(!serverUrl)("the worker, bundled and run in wrangler's local runtime (workerd)", () => {
  let unavailable: string | undefined;
  let database: OpenDatabase & { url?: string };
  let worker: LocalWorker | undefined;
  let bundle: string;
  const scratch: string[] = [];

  /** Skips, visibly, when workerd cannot run on this machine. */
  const requireWorkerd = (context: TestContext) => {
    if (unavailable) context.skip(`workerd cannot run here: ${unavailable}`);
  };

  beforeAll(async () => {
    unavailable = await workerdUnavailable();
    if (unavailable) {
      console.warn(
        `tests/worker skipped: wrangler's local runtime cannot start on this machine: ${unavailable}`,
      );
      return;
    }
    // Given a PostgreSQL database prepared as the README says (npm run migrate, npm run seed)
    database = await openTestDatabase();
    await prepareDatabase(database.db);
    // Other test files' transactions on the same server can hold a catch-up back: make sure the catalog is in.
    await catchUpFully(database.db);
    if (!database.url) throw new Error('expected a PostgreSQL test database with a URL');
    // and the worker bundled as `wrangler deploy` would upload it
    const outdir = await mkdtemp(join(tmpdir(), 'plan-monitor-worker-'));
    scratch.push(outdir);
    await bundleWorker(outdir);
    bundle = join(outdir, 'worker.js');
    // when wrangler dev runs the worker locally against the database
    worker = await startLocalWorker({
      databaseUrl: database.url,
      persistTo: join(outdir, 'state'),
      // ADMIN_TOKEN and JOBS_DATABASE_URL are secrets in production (wrangler secret put); --var locally.
      vars: { ADMIN_TOKEN, JOBS_DATABASE_URL: database.url },
    });
  }, 240_000);

  afterAll(async () => {
    await worker?.stop();
    await database?.close();
    await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
  }, 60_000);

  it('bundles without PGlite or the Node-only database code', async (context) => {
    requireWorkerd(context);
    const code = await readFile(bundle, 'utf8');
    expect(code).not.toMatch(/@electric-sql\/pglite|PGliteDialect|openPglite/);
    expect(code).toContain('pg-cloudflare');
    const { size } = await stat(bundle);
    console.log(`worker bundle: ${(size / 1024).toFixed(0)} KiB`);
  });

  it('serves /api/v1/plans exactly as the Node app does from the same database', async (context) => {
    requireWorkerd(context);
    const node = createApp({
      db: database.db,
      config: { readAccess: 'public' },
      catchUp: async () => {
        await catchUpAll(database.db, projections);
      },
    });
    const expected = await node.request('/api/v1/plans');
    const response = await fetch(`${worker?.url}/api/v1/plans`, { signal: AbortSignal.timeout(30_000) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { plans: { planId: string }[] };
    expect(body.plans.map((plan) => plan.planId)).toContain('changzhou-12fyp');
    expect(body).toEqual(await expected.json());
    expect(response.headers.get('etag')).toBe(expected.headers.get('etag'));

    // and requests at the same time each get their own connections (an isolate serves them concurrently)
    const concurrent = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${worker?.url}/api/v1/plans/lianyungang-12fyp`, { signal: AbortSignal.timeout(60_000) }),
      ),
    );
    expect(concurrent.map((each) => each.status)).toEqual(Array(8).fill(200));
  });

  it('accepts an import from a filled-in template, with the admin token from its secrets', async (context) => {
    requireWorkerd(context);
    const file = await filledTemplate({
      'broadband-penetration': [65, 70],
      'iot-industry-revenue': [90, 130],
    });
    const form = new FormData();
    form.set('file', new File([file], 'changzhou.xlsx'));
    form.set('region', REGION);
    const upload = () =>
      fetch(`${worker?.url}/api/v1/imports`, {
        method: 'POST',
        body: form,
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
        signal: AbortSignal.timeout(60_000),
      });

    const reportedValues = async () => {
      const { count } = await database.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('event_type', '=', 'ValueReported')
        .executeTakeFirstOrThrow();
      return Number(count);
    };
    const before = await reportedValues();

    const refused = await fetch(`${worker?.url}/api/v1/imports`, {
      method: 'POST',
      body: form,
      signal: AbortSignal.timeout(30_000),
    });
    expect(refused.status).toBe(401);

    const response = await upload();
    const report = (await response.json()) as { status: string; importId: string; counts: { new: number } };
    expect(response.status, JSON.stringify(report)).toBe(201);
    expect(report).toMatchObject({ status: 'imported', counts: { new: 4 } });

    // then the events are in the database the worker was given, and the worker reads the import back
    expect(await reportedValues()).toBe(before + 4);
    const stored = await fetch(`${worker?.url}/api/v1/imports/${report.importId}`, {
      signal: AbortSignal.timeout(30_000),
    });
    expect(stored.status).toBe(200);
  });

  it('runs the recalculation on its Cron Trigger, recorded in the job runs as the worker ran it', async (context) => {
    requireWorkerd(context);
    const before = new Date(Math.floor(Date.now() / 1000) * 1000);
    // when the trigger fires (wrangler dev's /__scheduled calls scheduled() as a Cron Trigger would)
    const fired = await fetch(`${worker?.url}/__scheduled?cron=${encodeURIComponent('0 18 * * *')}`, {
      signal: AbortSignal.timeout(120_000),
    });
    expect(fired.status, `${await fired.clone().text()}\n${worker?.output().slice(-3000)}`).toBe(200);
    const after = new Date();

    // then one scheduled run succeeded, for the time the trigger fired, with what it recalculated
    const runs = await database.db
      .selectFrom('job_runs')
      .selectAll()
      .where('job', '=', 'recalculate')
      .orderBy('id')
      .execute();
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run).toMatchObject({ trigger: 'schedule', outcome: 'succeeded', error: null });
    expect(run?.instance).toMatch(/^workers:/);
    expect(new Date(run?.slot ?? 0).getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(new Date(run?.slot ?? 0).getTime()).toBeLessThanOrEqual(after.getTime());
    expect(Number(run?.details?.rows)).toBeGreaterThan(0);

    // and the worker's own jobs endpoint shows it as the last run
    const jobs = await fetch(`${worker?.url}/api/v1/jobs`, { signal: AbortSignal.timeout(30_000) });
    expect(jobs.status).toBe(200);
    const { jobs: list } = (await jobs.json()) as {
      jobs: { name: string; lastRun: { id: number } | null }[];
    };
    expect(list.find((job) => job.name === 'recalculate')?.lastRun?.id).toBe(Number(run?.id));
  });

  it('serves the dashboard and the API reference from the static assets and the bundle', async (context) => {
    requireWorkerd(context);
    const page = await fetch(`${worker?.url}/`, { signal: AbortSignal.timeout(30_000) });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toBe(
      await readFile(resolve(import.meta.dirname, '../../src/http/static/index.html'), 'utf8'),
    );

    const library = await fetch(`${worker?.url}/static/vendor/echarts.min.js`, {
      signal: AbortSignal.timeout(30_000),
    });
    expect(library.status).toBe(200);
    const echarts = resolve(import.meta.dirname, '../../node_modules/echarts/dist/echarts.min.js');
    expect((await library.arrayBuffer()).byteLength).toBe((await stat(echarts)).size);

    // and the API reference loads Scalar's script from the worker, not from a CDN
    const docs = await fetch(`${worker?.url}/docs`, { signal: AbortSignal.timeout(30_000) });
    expect(await docs.text()).toContain('/docs/scalar.js');
    const scalar = await fetch(`${worker?.url}/docs/scalar.js`, { signal: AbortSignal.timeout(30_000) });
    expect(scalar.status).toBe(200);
    const vendored = resolve(import.meta.dirname, '../../src/http/static/vendor/scalar-api-reference.js');
    expect((await scalar.arrayBuffer()).byteLength).toBe((await stat(vendored)).size);

    // and the source beside the page is not an asset anyone can read
    const source = await fetch(`${worker?.url}/static/node-assets.ts`, {
      signal: AbortSignal.timeout(30_000),
    });
    expect(source.status).toBe(404);
  });
});
