import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpFixture, openHttpFixture, problemOf } from './support.ts';

let fixture: HttpFixture;
beforeAll(async () => {
  fixture = await openHttpFixture();
});
afterAll(() => fixture.close());

describe('one error shape', () => {
  it('given an unknown route, when requested, then 404 route_not_found as problem+json in both languages', async () => {
    const response = await fixture.app.request('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    const body = await problemOf(response);
    expect(body).toMatchObject({
      type: 'https://plan-monitor.invalid/problems/route_not_found',
      status: 404,
      code: 'route_not_found',
      title: 'no such route: GET /api/v1/nothing-here',
      detail: '没有这个地址：GET /api/v1/nothing-here',
      message: {
        zh: '没有这个地址：GET /api/v1/nothing-here',
        en: 'no such route: GET /api/v1/nothing-here',
      },
    });
  });

  it('given a known route, when called with another method, then 405 method_not_allowed with Allow', async () => {
    const response = await fixture.app.request('/api/v1/plans/lianyungang-12fyp', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET, HEAD');
    expect((await problemOf(response)).code).toBe('method_not_allowed');
  });

  it('given an unknown plan, when read, then 404 with its own code', async () => {
    const response = await fixture.app.request('/api/v1/plans/no-such-plan');
    expect(response.status).toBe(404);
    expect((await problemOf(response)).code).toBe('plan_not_found');
  });
});
