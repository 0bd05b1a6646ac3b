import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportSlots } from '../../src/http/middleware/import-slots.ts';
import {
  ADMIN_TOKEN,
  bearer,
  type HttpFixture,
  issueToken,
  jsonRequest,
  openHttpFixture,
  problemOf,
} from './support.ts';

let fixture: HttpFixture;
let reader: string;
let reporter: string;
beforeAll(async () => {
  fixture = await openHttpFixture();
  reader = (await issueToken(fixture.app, { name: '读者', role: 'reader' })).secret;
  reporter = (await issueToken(fixture.app, { name: '连云港统计局', role: 'reporter', regions: ['320700'] }))
    .secret;
});
afterAll(async () => {
  await fixture?.close();
});

/** A request body that counts what the server pulled from it, and ends only when told to. */
function watchedBody(chunk = new Uint8Array(64 * 1024), chunks = 320) {
  let pulled = 0;
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let heldBack = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pulled === chunks) {
        if (!heldBack) {
          heldBack = true;
          await released;
        }
        controller.close();
        return;
      }
      pulled++;
      controller.enqueue(chunk);
    },
  });
  return { body, pulledBytes: () => pulled * chunk.length, release };
}

function streamedUpload(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return fixture.app.request(
    new Request('http://localhost/api/v1/imports', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', ...headers },
    } as RequestInit),
  );
}

function upload(file: Buffer, fields: { region?: string; name?: string; dryRun?: string }, token: string) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], fields.name ?? 'upload.xlsx'));
  form.set('region', fields.region ?? '320700');
  if (fields.dryRun) form.set('dryRun', fields.dryRun);
  return fixture.app.request('/api/v1/imports', { method: 'POST', body: form, ...bearer(token) });
}

describe('a write is authorised before its body is read', () => {
  it('given an upload without a token, then 401 before the 20 MB body is read, and the connection closes', async () => {
    const watched = watchedBody();
    const response = await streamedUpload(watched.body);
    expect(response.status).toBe(401);
    expect((await problemOf(response)).code).toBe('token_required');
    expect(response.headers.get('Connection')).toBe('close');
    // At most what the streams buffer ahead (a chunk or two of 64 KB), never the 20 MB.
    expect(watched.pulledBytes()).toBeLessThanOrEqual(4 * 64 * 1024);
  });

  it('given a reader uploading a malformed form, then 403 role_forbidden (not 400), the body unread', async () => {
    const watched = watchedBody();
    const response = await streamedUpload(watched.body, { Authorization: `Bearer ${reader}` });
    expect(response.status).toBe(403);
    expect((await problemOf(response)).code).toBe('role_forbidden');
    // At most what the streams buffer ahead (a chunk or two of 64 KB), never the 20 MB.
    expect(watched.pulledBytes()).toBeLessThanOrEqual(4 * 64 * 1024);
  });

  it('given a reader or a reporter posting an invalid body to an admin route, then 403, not 400', async () => {
    for (const token of [reader, reporter]) {
      const response = await fixture.app.request('/api/v1/tokens', jsonRequest('POST', '{"name":', token));
      expect(response.status).toBe(403);
      expect((await problemOf(response)).code).toBe('role_forbidden');
    }
    const rebuild = await fixture.app.request('/api/v1/projections/rebuild?projection=nope', {
      method: 'POST',
      ...bearer(reporter),
    });
    expect(rebuild.status).toBe(403);
  });

  it('given a reader posting an invalid value report, then 403; without a token, 401', async () => {
    const path = '/api/v1/regions/320700/indicators/enterprise-ecommerce-ratio/values';
    const asReader = await fixture.app.request(path, jsonRequest('POST', { year: 'soon' }, reader));
    expect(asReader.status).toBe(403);
    const anonymous = await fixture.app.request(path, jsonRequest('POST', { year: 'soon' }));
    expect(anonymous.status).toBe(401);
    // A reporter may write: its invalid body is then a 400 as before.
    const asReporter = await fixture.app.request(path, jsonRequest('POST', { year: 'soon' }, reporter));
    expect(asReporter.status).toBe(400);
  });

  it('given a method no route answers, then 405 before any token is asked for', async () => {
    const response = await fixture.app.request('/api/v1/plans', { method: 'DELETE' });
    expect(response.status).toBe(405);
  });
});

describe('imports wait for a slot, and beyond the queue get 503 with Retry-After', () => {
  it('given slots for one import and none waiting, when a second comes while the first is read, then 503 imports_busy', async () => {
    const app = fixture.appWith({ importConcurrency: 1, importQueue: 0 });
    const watched = watchedBody(new TextEncoder().encode('x'.repeat(1024)), 4);
    const first = app.request(
      new Request('http://localhost/api/v1/imports', {
        method: 'POST',
        body: watched.body,
        duplex: 'half',
        headers: {
          'Content-Type': 'multipart/form-data; boundary=x',
          Authorization: `Bearer ${ADMIN_TOKEN}`,
        },
      } as RequestInit),
    );
    // The first holds its slot while its body is still arriving.
    while (watched.pulledBytes() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const form = new FormData();
    form.set('file', new File([new Uint8Array(10)], 'b.xlsx'));
    form.set('region', '320700');
    const second = await app.request('/api/v1/imports', {
      method: 'POST',
      body: form,
      ...bearer(ADMIN_TOKEN),
    });
    expect(second.status).toBe(503);
    expect(second.headers.get('Retry-After')).toMatch(/^\d+$/);
    const body = await problemOf(second);
    expect(body.code).toBe('imports_busy');
    expect(body.message).toEqual({
      zh: expect.stringContaining('导入'),
      en: expect.stringContaining('imports'),
    });
    watched.release();
    // The first goes on (its form is malformed: 400), and frees its slot.
    expect((await first).status).toBe(400);
    const third = await app.request('/api/v1/imports', {
      method: 'POST',
      body: form,
      ...bearer(ADMIN_TOKEN),
    });
    expect(third.status).not.toBe(503);
  });

  it('given two running and one waiting, then the fourth is refused and the waiting one runs when a slot frees', async () => {
    const slots = new ImportSlots({ running: 2, waiting: 1 });
    const a = await slots.acquire();
    const b = await slots.acquire();
    const waiting = slots.acquire();
    expect(slots.acquire()).toBeUndefined();
    expect([slots.running, slots.waiting]).toEqual([2, 1]);
    let ran = false;
    void waiting?.then(() => {
      ran = true;
    });
    await Promise.resolve();
    expect(ran).toBe(false);
    a?.();
    a?.(); // a second release changes nothing
    const c = await waiting;
    expect(ran).toBe(true);
    expect([slots.running, slots.waiting]).toEqual([2, 0]);
    b?.();
    c?.();
    expect([slots.running, slots.waiting]).toEqual([0, 0]);
  });
});

describe('NUL and lone surrogates are a 400 text_invalid, never a 500', () => {
  it.each([
    ['/api/v1/plans/%00', 'path'],
    ['/api/v1/plans/%ED%A0%80', 'path'],
    ['/api/v1/imports/%00', 'path'],
    ['/api/v1/plans?category=%00', 'query'],
    ['/api/v1/imports?region=%ED%A0%80', 'query'],
    ['/healthz?x=a%00b', 'query'],
  ])('given GET %s, then 400 text_invalid in the %s', async (path, where) => {
    const response = await fixture.app.request(path);
    expect(response.status).toBe(400);
    const body = await problemOf(response);
    expect(body.code).toBe('text_invalid');
    expect(body.in).toBe(where);
    expect(body.message).toEqual({ zh: expect.stringContaining('NUL'), en: expect.stringContaining('NUL') });
  });

  it('given a token name or a value note holding NUL or a lone surrogate, then 400 naming the field, nothing written', async () => {
    const name = await fixture.app.request(
      '/api/v1/tokens',
      jsonRequest('POST', { name: 'a\u0000b', role: 'reader' }, ADMIN_TOKEN),
    );
    expect(name.status).toBe(400);
    expect(await problemOf(name)).toMatchObject({ code: 'text_invalid', field: 'name', in: 'body' });

    const note = await fixture.app.request(
      '/api/v1/regions/320700/indicators/enterprise-ecommerce-ratio/values',
      jsonRequest('POST', { year: 2012, value: 1, note: 'x\ud800' }, ADMIN_TOKEN),
    );
    expect(note.status).toBe(400);
    expect(await problemOf(note)).toMatchObject({ code: 'text_invalid', field: 'note', in: 'body' });
  });

  it('given an upload whose file name holds NUL, then 400 naming file.name', async () => {
    const response = await upload(Buffer.from('x'), { name: 'a\u0000.xlsx' }, ADMIN_TOKEN);
    expect(response.status).toBe(400);
    expect(await problemOf(response)).toMatchObject({ code: 'text_invalid', field: 'file.name', in: 'form' });
  });
});

describe('a trailing slash answers as the route without it', () => {
  it.each(['/api/v1/plans', '/healthz', '/api/v1/openapi.json'])(
    'given GET %s/, then the same answer',
    async (path) => {
      const plain = await fixture.app.request(path);
      const slashed = await fixture.app.request(`${path}/`);
      expect(slashed.status).toBe(200);
      expect(await slashed.text()).toBe(await plain.text());
    },
  );

  it('given POST /api/v1/tokens/, then the token is created', async () => {
    const response = await fixture.app.request(
      '/api/v1/tokens/',
      jsonRequest('POST', { name: 'slash', role: 'reader' }, ADMIN_TOKEN),
    );
    expect(response.status).toBe(201);
  });

  it('given / itself, then it is not redirected (the dashboard, or 404 without its files)', async () => {
    const response = await fixture.app.request('/');
    expect([200, 404]).toContain(response.status);
    expect(response.headers.get('Location')).toBeNull();
  });
});
