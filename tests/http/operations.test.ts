import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { appConfigFromEnv } from '../../src/http/config-from-env.ts';
import type { AppDeps } from '../../src/http/deps.ts';
import { openTestDatabase } from '../support/database.ts';
import { ADMIN_TOKEN, bearer } from './support.ts';

// The operational surface needs no catalog: a migrated database is enough.
let database: Awaited<ReturnType<typeof openTestDatabase>>;
const depsWith = (overrides: Partial<AppDeps> = {}, config: Partial<AppDeps['config']> = {}): AppDeps => ({
  db: database.db,
  config: { adminToken: ADMIN_TOKEN, readAccess: 'public', ...config },
  catchUp: async () => {},
  ...overrides,
});
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('request ids and logs', () => {
  it('given no X-Request-Id, then one is made; given one from a proxy, it is kept; a malformed one is replaced', async () => {
    const app = createApp(depsWith());
    const made = (await app.request('/healthz')).headers.get('X-Request-Id');
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await app.request('/healthz', { headers: { 'X-Request-Id': 'lb-7f3a' } });
    expect(kept.headers.get('X-Request-Id')).toBe('lb-7f3a');
    const hostile = await app.request('/healthz', { headers: { 'X-Request-Id': 'a b;<script>' } });
    expect(hostile.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('given a logger, then each request is one JSON line with its id, status, duration and the actor; never the secret', async () => {
    const { logger, lines } = memoryLogger();
    const app = createApp(depsWith({ logger }));
    await app.request('/api/v1/tokens', {
      headers: { 'X-Request-Id': 'r-1', Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    await app.request('/api/v1/tokens', { headers: { 'X-Request-Id': 'r-2' } });
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request',
        requestId: 'r-1',
        method: 'GET',
        path: '/api/v1/tokens',
        status: 200,
        durationMs: expect.any(Number),
        actor: { id: 'admin-token', name: 'ADMIN_TOKEN' },
      }),
      expect.objectContaining({ requestId: 'r-2', status: 401, code: 'token_required' }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(ADMIN_TOKEN);
  });
});

describe('CORS for dashboards on other origins', () => {
  it('given no CORS_ORIGINS, then no CORS headers', async () => {
    const response = await createApp(depsWith()).request('/api/v1/openapi.json', {
      headers: { Origin: 'https://dash.example' },
    });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('given CORS_ORIGINS, then a listed origin passes the preflight and sees ETag and X-Request-Id; another does not', async () => {
    const app = createApp(depsWith({}, { corsOrigins: ['https://dash.example'] }));
    const preflight = await app.request('/api/v1/plans', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://dash.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('https://dash.example');
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toContain('Authorization');

    const read = await app.request('/api/v1/tokens', {
      headers: { Origin: 'https://dash.example', ...bearer(ADMIN_TOKEN).headers },
    });
    expect(read.headers.get('Access-Control-Allow-Origin')).toBe('https://dash.example');
    expect(read.headers.get('Access-Control-Expose-Headers')).toContain('X-Request-Id');

    const stranger = await app.request('/api/v1/tokens', { headers: { Origin: 'https://evil.example' } });
    expect(stranger.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

describe('health and readiness', () => {
  it('given a migrated database, then /healthz and /readyz answer; while draining, /readyz is 503', async () => {
    let draining = false;
    const app = createApp(depsWith({ draining: () => draining }));
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.request('/readyz')).status).toBe(200);
    draining = true;
    const response = await app.request('/readyz');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', reason: 'shutting down' });
  });
});

describe('configuration from the environment', () => {
  it('given nothing, then reads are public, no CORS, 20 MB uploads, 1 MB bodies, 32 MB of rendered reads, reports due 03-31, 2 imports at once and 8 waiting', () => {
    expect(appConfigFromEnv({})).toEqual({
      adminToken: undefined,
      readAccess: 'public',
      corsOrigins: [],
      maxUploadBytes: 20 * 1024 * 1024,
      maxBodyBytes: 1024 * 1024,
      readCacheBytes: 32 * 1024 * 1024,
      reportDeadline: { month: 3, day: 31 },
      importConcurrency: 2,
      importQueue: 8,
    });
  });

  it('given values, then they are used; a malformed one stops the start', () => {
    expect(
      appConfigFromEnv({
        READ_ACCESS: 'token',
        CORS_ORIGINS: 'https://a.example, https://b.example',
        MAX_UPLOAD_BYTES: '5000000',
        READ_CACHE_BYTES: '1000000',
        REPORT_DEADLINE: '04-15',
        IMPORT_CONCURRENCY: '4',
        IMPORT_QUEUE: '0',
      }),
    ).toMatchObject({
      reportDeadline: { month: 4, day: 15 },
      readAccess: 'token',
      corsOrigins: ['https://a.example', 'https://b.example'],
      maxUploadBytes: 5_000_000,
      readCacheBytes: 1_000_000,
      importConcurrency: 4,
      importQueue: 0,
    });
    expect(() => appConfigFromEnv({ READ_ACCESS: 'private' })).toThrow(/READ_ACCESS/);
    expect(() => appConfigFromEnv({ MAX_UPLOAD_BYTES: '20MB' })).toThrow(/MAX_UPLOAD_BYTES/);
    expect(() => appConfigFromEnv({ READ_CACHE_BYTES: '-1' })).toThrow(/READ_CACHE_BYTES/);
    expect(() => appConfigFromEnv({ REPORT_DEADLINE: '02-30' })).toThrow(/REPORT_DEADLINE/);
    expect(() => appConfigFromEnv({ REPORT_DEADLINE: '3/31' })).toThrow(/REPORT_DEADLINE/);
    expect(() => appConfigFromEnv({ IMPORT_CONCURRENCY: '0' })).toThrow(/IMPORT_CONCURRENCY/);
    expect(() => appConfigFromEnv({ IMPORT_QUEUE: 'many' })).toThrow(/IMPORT_QUEUE/);
  });
});
