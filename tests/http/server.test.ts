import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine } from '../support/database.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';

const root = resolve(import.meta.dirname, '../..');
const ADMIN = 'server-test-admin';

/** `npm run token -- …` as a person would type it, against the same database as the server. */
async function npmRunToken(env: Record<string, string>, ...args: string[]) {
  const child = spawn('npm', ['run', '--silent', 'token', '--', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr.on('data', (chunk) => {
    out += chunk;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, out };
}

/** The JSON log lines the server wrote. */
const logLines = (server: ServerProcess) =>
  server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

async function until(condition: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe(`the Node server (${testEngine})`, () => {
  let server: ServerProcess;
  let reporterSecret = '';
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    // The CLI and then the server use one database: a fresh PostgreSQL database, or one PGlite directory.
    let env: Record<string, string>;
    if (testEngine === 'postgres') {
      const database = await openTestDatabase({ migrate: false });
      env = { DATABASE_URL: database.url ?? '' };
      cleanup = () => database.close();
    } else {
      const dataDir = await mkdtemp(join(tmpdir(), 'plan-monitor-http-'));
      env = { DATA_DIR: dataDir };
      cleanup = () => rm(dataDir, { recursive: true, force: true });
    }
    const created = await npmRunToken(
      env,
      'create',
      '--role',
      'reporter',
      '--region',
      '320700',
      '--name',
      '连云港统计局',
    );
    expect(created.code, created.out).toBe(0);
    reporterSecret = created.out.match(/pm_[A-Za-z0-9_-]{43}/)?.[0] ?? '';
    server = await startServer({ ...env, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'info' });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await cleanup();
  });

  it('given the service started, then it says so in one line for people, beside its JSON logs', () => {
    const started = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('plan-monitor 已启动：'));
    expect(started).toEqual([
      expect.stringMatching(
        testEngine === 'postgres'
          ? /^plan-monitor 已启动：http:\/\/localhost:\d+ {2}\(PostgreSQL at DATABASE_URL\)$/
          : /^plan-monitor 已启动：http:\/\/localhost:\d+ {2}\(embedded database at .+\)$/,
      ),
    ]);
  });

  it('given a proxy request id, when a request is served, then X-Request-Id echoes it and the JSON log line carries it', async () => {
    const response = await fetch(`${server.url}/api/v1/plans`, {
      headers: { 'X-Request-Id': 'proxy-abc-123' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Request-Id')).toBe('proxy-abc-123');
    const own = await fetch(`${server.url}/api/v1/plans/nowhere`);
    const ownId = own.headers.get('X-Request-Id');
    expect(ownId).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await own.json()) as { requestId: string }).requestId).toBe(ownId);
    await until(() => logLines(server).some((line) => line.requestId === ownId), 'the log line');
    expect(logLines(server)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          requestId: 'proxy-abc-123',
          method: 'GET',
          path: '/api/v1/plans',
          status: 200,
        }),
        expect.objectContaining({ requestId: ownId, status: 404, code: 'plan_not_found' }),
      ]),
    );
  });

  it('given a token made with npm run token, when it writes for its region, then the server accepts it and logs the token by name, never the secret', async () => {
    const response = await fetch(
      `${server.url}/api/v1/regions/320700/indicators/cio-system-adoption/values`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${reporterSecret}` },
        body: JSON.stringify({ year: 2012, value: 35 }),
      },
    );
    expect(response.status).toBe(201);
    const requestId = response.headers.get('X-Request-Id');
    await until(() => logLines(server).some((line) => line.requestId === requestId), 'the log line');
    expect(logLines(server).find((line) => line.requestId === requestId)).toMatchObject({
      status: 201,
      actor: { id: expect.stringMatching(/^tok_/), name: '连云港统计局' },
    });
    expect(server.output()).not.toContain(reporterSecret);
  });

  it('given a request whose body is still arriving, when SIGTERM comes, then new connections are refused, the request finishes, and the process exits 0', async () => {
    const body = JSON.stringify({ year: 2014, value: 77, note: 'sent slowly' });
    const path = '/api/v1/regions/320700/indicators/enterprise-intranet-rate/values';
    const slow = request(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
        Authorization: `Bearer ${ADMIN}`,
      },
    });
    const answered = new Promise<{ status: number; text: string }>((resolveAnswer, reject) => {
      slow.on('response', (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolveAnswer({ status: response.statusCode ?? 0, text }));
      });
      slow.on('error', reject);
    });
    slow.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 500));

    server.child.kill('SIGTERM');
    await until(() => server.output().includes('shutting down'), 'the shutdown to begin');
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    slow.end(body.slice(10));
    const { status, text } = await answered;
    expect(status).toBe(201);
    expect(JSON.parse(text)).toMatchObject({ events: [{ type: 'ValueReported', data: { value: 77 } }] });

    const exitCode = server.child.exitCode ?? ((await once(server.child, 'exit')) as [number | null])[0];
    expect(exitCode).toBe(0);
    expect(logLines(server).map((line) => line.msg)).toContain('stopped');
  }, 60_000);
});
