import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES } from '../../src/users/sessions.ts';
import { ADMIN_TOKEN, type HttpFixture, jsonRequest, openHttpFixture, problemOf } from './support.ts';

let fixture: HttpFixture;
const ORIGIN = 'http://localhost';
beforeAll(async () => {
  fixture = await openHttpFixture();
  for (const [login, name, role, regions] of [
    ['wangfang', '王芳', 'reporter', ['320700']],
    ['chenjie', '陈杰', 'reporter', ['320700']],
  ] as const) {
    const response = await fixture.app.request(
      '/api/v1/users',
      jsonRequest('POST', { login, name, role, regions, password: 'correct-horse-1' }, ADMIN_TOKEN),
    );
    if (response.status !== 201) throw new Error(await response.text());
  }
});
afterAll(() => fixture.close());

const signIn = (login: string, password: string) =>
  fixture.app.request(`${ORIGIN}/api/v1/sessions`, jsonRequest('POST', { login, password }));

const cookieOf = (response: Response) => (response.headers.get('Set-Cookie') ?? '').split(';')[0] as string;

/** A write the cookie authenticates: a value for 2012 in 连云港. */
const cookieWrite = (cookie: string, headers: Record<string, string> = {}) =>
  fixture.app.request(`${ORIGIN}/api/v1/regions/320700/indicators/enterprise-ecommerce-ratio/values`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
    body: JSON.stringify({ year: 2012, value: 40 }),
  });

describe('signing in', () => {
  it('given the right password, then 201 with a bearer session and an HttpOnly, SameSite=Strict cookie that identifies the person', async () => {
    const response = await signIn('wangfang', 'correct-horse-1');
    expect(response.status).toBe(201);
    const body = (await response.json()) as { token: string; user: { name: string } };
    expect(body.token).toMatch(/^pms_[A-Za-z0-9_-]{43}$/);
    expect(body.user.name).toBe('王芳');
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie).toContain(`pm_session=${body.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const stored = await fixture.database.db.selectFrom('user_sessions').select('secret_sha256').execute();
    expect(JSON.stringify(stored)).not.toContain(body.token);

    const me = await fixture.app.request(`${ORIGIN}/api/v1/sessions/current`, {
      headers: { Authorization: `Bearer ${body.token}` },
    });
    expect(await me.json()).toMatchObject({ actor: { kind: 'user', name: '王芳' }, role: 'reporter' });
    const byCookie = await fixture.app.request(`${ORIGIN}/api/v1/sessions/current`, {
      headers: { Cookie: cookieOf(response) },
    });
    expect(byCookie.status).toBe(200);
  });

  it('given https, then the cookie is Secure', async () => {
    const response = await fixture.app.request(
      'https://monitor.example/api/v1/sessions',
      jsonRequest('POST', { login: 'wangfang', password: 'correct-horse-1' }),
    );
    expect(response.headers.get('Set-Cookie')).toMatch(/Secure/);
  });

  it('given a wrong password or an unknown login, then the same 401 that does not say which part was wrong', async () => {
    const wrong = await signIn('wangfang', 'not-the-password');
    const unknown = await signIn('nobody-here', 'correct-horse-1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await problemOf(wrong), await problemOf(unknown)];
    expect(a.code).toBe('login_failed');
    expect({ ...a, requestId: undefined }).toEqual({ ...b, requestId: undefined });
    expect(wrong.headers.get('Set-Cookie')).toBeNull();
  });

  it(`given ${MAX_FAILURES} failures in a row, then the login is locked for a while, even with the right password, and an unknown login locks the same way`, async () => {
    for (let i = 0; i < MAX_FAILURES; i++) expect((await signIn('chenjie', `wrong-${i}`)).status).toBe(401);
    const locked = await signIn('chenjie', 'correct-horse-1');
    expect(locked.status).toBe(429);
    expect(await problemOf(locked)).toMatchObject({ code: 'login_locked' });
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(60);

    for (let i = 0; i < MAX_FAILURES; i++) await signIn('ghost', `wrong-${i}`);
    const ghost = await signIn('ghost', 'whatever-it-is');
    expect(ghost.status).toBe(429);

    // Later than the lock: the right password works again.
    const later = fixture.appWith({}, { now: () => new Date(Date.now() + 16 * 60_000) });
    const after = await later.request(
      `${ORIGIN}/api/v1/sessions`,
      jsonRequest('POST', { login: 'chenjie', password: 'correct-horse-1' }),
    );
    expect(after.status).toBe(201);
  });
});

describe('cookie writes and signing out', () => {
  it('given a session cookie, when a write comes without this origin, then 403 csrf_rejected and nothing is written; from this origin it is recorded under the person', async () => {
    const cookie = cookieOf(await signIn('wangfang', 'correct-horse-1'));
    const before = await fixture.database.db.selectFrom('events').select('position').execute();
    const forged = await cookieWrite(cookie);
    expect(forged.status).toBe(403);
    expect(await problemOf(forged)).toMatchObject({ code: 'csrf_rejected' });
    const crossSite = await cookieWrite(cookie, { Origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await fixture.database.db.selectFrom('events').select('position').execute()).toHaveLength(
      before.length,
    );

    const sameSite = await cookieWrite(cookie, { Origin: ORIGIN });
    expect(sameSite.status).toBe(201);
    const last = await fixture.database.db
      .selectFrom('events')
      .select('metadata')
      .orderBy('position', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.metadata).toMatchObject({ actor: { kind: 'user', name: '王芳' } });
  });

  it('given a session, when signed out, then the session no longer works and the cookie is cleared', async () => {
    const response = await signIn('wangfang', 'correct-horse-1');
    const { token } = (await response.json()) as { token: string };
    const out = await fixture.app.request(`${ORIGIN}/api/v1/sessions/current`, {
      method: 'DELETE',
      headers: { Cookie: cookieOf(response), Origin: ORIGIN },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('Set-Cookie')).toMatch(/pm_session=;/);
    const me = await fixture.app.request(`${ORIGIN}/api/v1/sessions/current`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(401);
    expect(await problemOf(me)).toMatchObject({ code: 'session_invalid' });
  });

  it('given an expired session, then 401', async () => {
    const { token } = (await (await signIn('wangfang', 'correct-horse-1')).json()) as { token: string };
    const later = fixture.appWith({}, { now: () => new Date(Date.now() + 13 * 3_600_000) });
    const me = await later.request(`${ORIGIN}/api/v1/sessions/current`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(401);
  });
});
