import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  type HttpFixture,
  issueToken,
  jsonRequest,
  openHttpFixture,
  problemOf,
} from './support.ts';

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture({ maxBodyBytes: 4096, maxUploadBytes: 64 * 1024 });
});
afterAll(() => fixture.close());

const valuesUrl = '/api/v1/regions/320700/indicators/enterprise-ecommerce-ratio/values';

describe('one error shape: problem+json with its own code for each case', () => {
  it('given an unknown route, then 404 route_not_found in RFC 9457 form, in both languages', async () => {
    const response = await fixture.app.request('/api/v1/nothing-here', {
      headers: { 'X-Request-Id': 'req-1' },
    });
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toEqual({
      type: 'https://plan-monitor.invalid/problems/route_not_found',
      title: 'no such route: GET /api/v1/nothing-here',
      status: 404,
      detail: '没有这个地址：GET /api/v1/nothing-here',
      code: 'route_not_found',
      message: {
        zh: '没有这个地址：GET /api/v1/nothing-here',
        en: 'no such route: GET /api/v1/nothing-here',
      },
      requestId: 'req-1',
    });
  });

  it('given a known route, when called with another method, then 405 method_not_allowed with Allow', async () => {
    const response = await fixture.app.request('/api/v1/plans/lianyungang-12fyp', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET, HEAD');
    expect((await problemOf(response)).code).toBe('method_not_allowed');
  });

  it('given an unknown plan, then 404 plan_not_found', async () => {
    const response = await fixture.app.request('/api/v1/plans/no-such-plan');
    expect(response.status).toBe(404);
    expect((await problemOf(response)).code).toBe('plan_not_found');
  });

  it('given a body that is not JSON, then 400 invalid_json', async () => {
    const response = await fixture.app.request(valuesUrl, jsonRequest('POST', '{"year": 2012,', ADMIN_TOKEN));
    expect(response.status).toBe(400);
    expect(await problemOf(response)).toMatchObject({ code: 'invalid_json', in: 'body' });
  });

  it('given a body of the wrong content type, then 415 unsupported_media_type', async () => {
    const response = await fixture.app.request(valuesUrl, {
      method: 'POST',
      body: 'year=2012&value=1',
      headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(response.status).toBe(415);
    expect((await problemOf(response)).code).toBe('unsupported_media_type');
  });

  it('given a JSON body over MAX_BODY_BYTES, then 413 payload_too_large before anything is read', async () => {
    const response = await fixture.app.request(
      valuesUrl,
      jsonRequest('POST', { year: 2012, value: 1, note: 'x'.repeat(5000) }, ADMIN_TOKEN),
    );
    expect(response.status).toBe(413);
    expect(await problemOf(response)).toMatchObject({ code: 'payload_too_large', limitBytes: 4096 });
  });

  it('given a streamed body with no Content-Length, then it is counted as it arrives and refused past the limit', async () => {
    const chunk = new TextEncoder().encode(`{"note":"${'y'.repeat(3000)}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await fixture.app.request(valuesUrl, {
      method: 'POST',
      body: stream,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` },
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect((await problemOf(response)).code).toBe('payload_too_large');
  });

  it('given an upload, then its own larger limit applies (MAX_UPLOAD_BYTES)', async () => {
    const form = (size: number) => {
      const data = new FormData();
      data.set('file', new Blob([new Uint8Array(size)]), 'sheet.xlsx');
      return data;
    };
    // Over the JSON limit but under the upload limit: it reaches the route. As the admin, to the upload route:
    // without a token the answer is 401 before the body is read, and a body no route reads is never counted.
    const asAdmin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
    const small = await fixture.app.request('/api/v1/imports', {
      method: 'POST',
      body: form(10_000),
      headers: asAdmin,
    });
    expect(small.status).not.toBe(413);
    const large = await fixture.app.request('/api/v1/imports', {
      method: 'POST',
      body: form(70 * 1024),
      headers: asAdmin,
    });
    expect(large.status).toBe(413);
    expect(await problemOf(large)).toMatchObject({ code: 'payload_too_large', limitBytes: 64 * 1024 });
  });

  it('given a value failing its schema, then 400 validation_failed naming the field, with every issue listed', async () => {
    const response = await fixture.app.request(
      valuesUrl,
      jsonRequest('POST', { year: 'twenty', value: 'x', comparator: 'about' }, ADMIN_TOKEN),
    );
    expect(response.status).toBe(400);
    const body = await problemOf(response);
    expect(body).toMatchObject({ code: 'validation_failed', field: 'year', in: 'body' });
    expect((body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual([
      'comparator',
      'value',
      'year',
    ]);
    expect(body.message).toEqual({
      zh: expect.stringContaining('year'),
      en: expect.stringContaining('year'),
    });
  });

  it('given a malformed path parameter, then 400 validation_failed in the path', async () => {
    const response = await fixture.app.request(
      '/api/v1/regions/3207/indicators/enterprise-ecommerce-ratio/values',
      jsonRequest('POST', { year: 2012, value: 1 }, ADMIN_TOKEN),
    );
    expect(await problemOf(response)).toMatchObject({
      code: 'validation_failed',
      field: 'region',
      in: 'path',
    });
  });

  it.each([
    ['no token', undefined, 401, 'token_required'],
    ['an unknown token', 'pm_unknown', 401, 'token_invalid'],
  ])('given %s on a write, then %i %s', async (_, token, status, code) => {
    const response = await fixture.app.request(
      valuesUrl,
      jsonRequest('POST', { year: 2012, value: 1 }, token),
    );
    expect(response.status).toBe(status);
    expect((await problemOf(response)).code).toBe(code);
  });

  it('given a revoked and an expired token, then token_revoked and token_expired', async () => {
    const revoked = await issueToken(fixture.app, { name: 'old', role: 'reporter', regions: ['320700'] });
    await fixture.app.request(`/api/v1/tokens/${revoked.id}/revoke`, jsonRequest('POST', {}, ADMIN_TOKEN));
    const response = await fixture.app.request(
      valuesUrl,
      jsonRequest('POST', { year: 2012, value: 1 }, revoked.secret),
    );
    expect((await problemOf(response)).code).toBe('token_revoked');

    const expiring = await issueToken(fixture.app, {
      name: 'brief',
      role: 'reporter',
      regions: ['320700'],
      expiresAt: new Date(Date.now() + 1000).toISOString(),
    });
    const later = fixture.appWith({}, { now: () => new Date(Date.now() + 5000) });
    const expired = await later.request(
      valuesUrl,
      jsonRequest('POST', { year: 2012, value: 1 }, expiring.secret),
    );
    expect(expired.status).toBe(401);
    expect((await problemOf(expired)).code).toBe('token_expired');
  });

  it('given a reporter outside its region and a reader writing, then region_forbidden and role_forbidden (403)', async () => {
    const changzhou = await issueToken(fixture.app, { name: '常州', role: 'reporter', regions: ['320400'] });
    const reader = await issueToken(fixture.app, { name: 'reader', role: 'reader' });
    for (const [secret, code] of [
      [changzhou.secret, 'region_forbidden'],
      [reader.secret, 'role_forbidden'],
    ]) {
      const response = await fixture.app.request(
        valuesUrl,
        jsonRequest('POST', { year: 2012, value: 1 }, secret),
      );
      expect(response.status).toBe(403);
      expect((await problemOf(response)).code).toBe(code);
    }
  });
});
