import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenDatabase, openPglite } from '../../src/database/connect.ts';
import type { ImportReport } from '../../src/imports/report.ts';
import { fillTemplate } from '../imports/support/fill-template.ts';
import { openTestDatabase, testEngine } from '../support/database.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { badRequests, shareAbove100, shareCorrected, type Tokens, upload } from './support/bad-inputs.ts';
import { incrementalAndRebuilt } from './support/rebuild-equality.ts';

const ADMIN = 'reliability-admin-token';

/** /healthz every 25 ms while the server is under fire: every answer, and the slowest. */
function watchHealth(url: string) {
  const seen = { answered: 0, failed: [] as string[], slowestMs: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
        if (response.status === 200) seen.answered++;
        else seen.failed.push(`status ${response.status}`);
        await response.body?.cancel();
      } catch (error) {
        seen.failed.push((error as Error).message);
      }
      seen.slowestMs = Math.max(seen.slowestMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  return {
    seen,
    stop: async () => {
      running = false;
      await loop;
      return seen;
    },
  };
}

async function token(url: string, body: object): Promise<{ id: string; secret: string }> {
  const response = await fetch(`${url}/api/v1/tokens`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN}` },
  });
  if (response.status !== 201) throw new Error(`token: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; secret: string };
}

/**
 * What the log holds, as the server's own projections endpoint reports it (PGlite's directory is the server's),
 * and the imported files (a refused file is kept in the history as rejected, and imports nothing).
 */
async function logState(url: string) {
  const projections = await (await fetch(`${url}/api/v1/projections`)).text();
  const imports = (await (await fetch(`${url}/api/v1/imports?limit=100&status=imported`)).json()) as {
    imports: unknown[];
  };
  return { projections, imports: imports.imports.length };
}

describe(`the server under duplicate uploads and a corpus of bad input (${testEngine})`, () => {
  let server: ServerProcess;
  let env: Record<string, string>;
  let openDirectly: () => Promise<OpenDatabase>;
  let cleanup: () => Promise<void> = async () => {};
  let tokens: Tokens;

  beforeAll(async () => {
    if (testEngine === 'postgres') {
      const database = await openTestDatabase({ migrate: false });
      env = { DATABASE_URL: database.url ?? '' };
      openDirectly = async () => ({ ...database, close: async () => {} });
      cleanup = () => database.close();
    } else {
      const dataDir = await mkdtemp(join(tmpdir(), 'plan-monitor-reliability-'));
      env = { DATA_DIR: dataDir };
      openDirectly = () => openPglite(join(dataDir, 'pglite'));
      cleanup = () => rm(dataDir, { recursive: true, force: true });
    }
    server = await startServer({ ...env, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn', RECALC_CRON: 'off' });
    const revoked = await token(server.url, { name: 'revoked', role: 'reporter', regions: ['320700'] });
    await fetch(`${server.url}/api/v1/tokens/${revoked.id}/revoke`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}` },
    });
    tokens = {
      admin: ADMIN,
      changzhou: (await token(server.url, { name: '常州统计局', role: 'reporter', regions: ['320400'] }))
        .secret,
      reader: (await token(server.url, { name: 'reader', role: 'reader' })).secret,
      revoked: revoked.secret,
    };
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await cleanup();
  });

  it('given the same file uploaded 10 times at once, then one import, nine duplicates, no extra events', async () => {
    const template = Buffer.from(
      await (await fetch(`${server.url}/api/v1/plans/lianyungang-12fyp/template`)).arrayBuffer(),
    );
    const { file } = await fillTemplate(template, '主要指标', '320700');
    const before = await logState(server.url);

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => upload(server.url, file, { region: '320700' }, ADMIN)),
    );
    const reports = (await Promise.all(responses.map((r) => r.json()))) as ImportReport[];

    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(reports.map((r) => r.status).sort()).toEqual([...Array(9).fill('duplicate'), 'imported']);
    expect(new Set(reports.map((r) => r.importId)).size).toBe(1);
    const imported = reports.find((r) => r.status === 'imported');
    expect(imported?.counts.new).toBeGreaterThan(40);
    expect((await logState(server.url)).imports).toBe(before.imports + 1);
  });

  it('given 25+ bad files and requests, then each gets its problem code, nothing is written, and /healthz answers throughout', async () => {
    const corpus = badRequests();
    expect(corpus.length).toBeGreaterThanOrEqual(25);
    const health = watchHealth(server.url);
    const outcomes: { name: string; status: number; codes: string[] }[] = [];
    const timings: Record<string, number> = {};
    for (const bad of corpus) {
      const before = await logState(server.url);
      const started = performance.now();
      const response = await bad.send({ url: server.url, tokens });
      const type = response.headers.get('Content-Type') ?? '';
      const body = (await response.json()) as {
        code?: string;
        problems?: { code: string; severity: string }[];
      };
      const codes = type.startsWith('application/problem+json')
        ? [body.code ?? '']
        : (body.problems ?? []).filter((p) => p.severity === 'error').map((p) => p.code);
      timings[bad.name] = Math.round(performance.now() - started);
      outcomes.push({ name: bad.name, status: response.status, codes: [...new Set(codes)] });
      expect(await logState(server.url), bad.name).toEqual(before);
    }
    const seen = await health.stop();
    console.log(JSON.stringify({ ms: timings, health: seen }));

    expect(outcomes).toEqual(
      corpus.map((bad) => ({ name: bad.name, status: bad.status, codes: [bad.code] })),
    );
    expect(seen.failed).toEqual([]);
    expect(seen.answered).toBeGreaterThan(corpus.length);
    expect(seen.slowestMs).toBeLessThan(5_000);
  }, 120_000);

  it('given a share above 100 %, then it is refused with the share_above_100 error; corrected, it is imported', async () => {
    const before = await logState(server.url);
    const refused = await upload(server.url, await shareAbove100(), { region: '320700' }, ADMIN);
    const report = (await refused.json()) as ImportReport;
    expect(refused.status).toBe(422);
    expect(report.problems.map((p) => [p.code, p.severity])).toEqual([['share_above_100', 'error']]);
    expect(await logState(server.url)).toEqual(before);
    const corrected = await upload(server.url, await shareCorrected(), { region: '320700' }, ADMIN);
    expect(corrected.status).toBe(201);
    expect(((await corrected.json()) as ImportReport).problems).toEqual([]);
  });

  it('after all of it, the log holds exactly the two imports and the projections equal a full rebuild', async () => {
    await server.stop();
    const database = await openDirectly();
    try {
      const { rows } = await sql<{
        imports: number;
        importEvents: number;
        withoutImport: number;
        rejected: number;
      }>`
        SELECT (SELECT count(*) FROM imports WHERE status = 'imported') AS imports,
               (SELECT count(DISTINCT data->'source'->>'importId') FROM events
                  WHERE data->'source'->>'importId' IS NOT NULL) AS "importEvents",
               (SELECT count(*) FROM events WHERE data->'source'->>'importId' IS NOT NULL
                  AND data->'source'->>'importId' NOT IN (SELECT import_id FROM imports WHERE status = 'imported'))
                 AS "withoutImport",
               (SELECT count(*) FROM imports WHERE status = 'rejected') AS rejected`.execute(database.db);
      expect(rows.map((r) => [Number(r.imports), Number(r.importEvents), Number(r.withoutImport)])).toEqual([
        [2, 2, 0],
      ]);
      // The refused files of the corpus are kept in the history as tries, with no event of their own.
      expect(Number(rows[0]?.rejected)).toBeGreaterThan(0);
      const { incremental, rebuilt, rows: count } = await incrementalAndRebuilt(database.db);
      expect(count).toBeGreaterThan(0);
      expect(rebuilt).toEqual(incremental);
    } finally {
      await database.close();
    }
  }, 60_000);
});
