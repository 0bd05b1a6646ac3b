import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { resolveSession, revokeSession, signIn } from '../../users/sessions.ts';
import { authenticate } from '../auth/authorize.ts';
import { clearSessionCookie, sessionSecret, setSessionCookie } from '../auth/session-caller.ts';
import type { AppDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import { problemResponses } from '../schemas/problem.ts';
import { Credentials, CurrentCaller, SessionView } from '../schemas/users.ts';
import { userView } from './users.ts';

/** Signing in (a session: an HttpOnly cookie, and the secret in the body for API clients) and out. */

const signInRoute = createRoute({
  method: 'post',
  path: '/sessions',
  tags: ['sessions'],
  summary: 'Sign in with login and password: a session (cookie and bearer token)',
  request: { body: { required: true, content: { 'application/json': { schema: Credentials } } } },
  responses: {
    201: {
      description: 'Signed in; the session is also set as an HttpOnly, SameSite=Strict cookie',
      content: { 'application/json': { schema: SessionView } },
    },
    ...problemResponses(400, 401, 413, 415, 429),
  },
});

const currentRoute = createRoute({
  method: 'get',
  path: '/sessions/current',
  tags: ['sessions'],
  summary: 'Who is calling (a signed-in person or a token), with role and regions',
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'The caller', content: { 'application/json': { schema: CurrentCaller } } },
    ...problemResponses(401),
  },
});

const signOutRoute = createRoute({
  method: 'delete',
  path: '/sessions/current',
  tags: ['sessions'],
  summary: 'Sign out: the session is revoked and the cookie cleared',
  security: [{ bearer: [] }],
  responses: { 204: { description: 'Signed out' }, ...problemResponses(401, 403) },
});

export const sessionRoutes = (deps: AppDeps) => {
  const now = () => deps.now?.() ?? new Date();
  return new OpenAPIHono()
    .openapi(signInRoute, async (c) => {
      const result = await signIn(deps.db, c.req.valid('json'), now());
      if (result.outcome === 'locked') {
        const seconds = Math.max(1, Math.ceil((result.until.getTime() - now().getTime()) / 1000));
        c.header('Retry-After', String(seconds));
        return problem(c, 429, 'login_locked', {
          zh: `登录失败次数过多，请于 ${Math.ceil(seconds / 60)} 分钟后再试`,
          en: `too many failed sign-ins: try again in ${Math.ceil(seconds / 60)} minutes`,
        }) as never;
      }
      if (result.outcome === 'refused') {
        // One answer for an unknown login, a wrong password and a disabled user: it tells nothing.
        return problem(c, 401, 'login_failed', {
          zh: '登录名或密码不正确',
          en: 'the login or the password is not correct',
        }) as never;
      }
      setSessionCookie(c, result.secret, result.session);
      return c.json(
        {
          token: result.secret,
          expiresAt: result.session.expiresAt.toISOString(),
          user: userView(result.user),
        },
        201,
      );
    })
    .openapi(currentRoute, async (c) => {
      const caller = await authenticate(c, deps);
      return c.json({ actor: caller.actor, role: caller.role, regions: [...caller.regions] }, 200);
    })
    .openapi(signOutRoute, async (c) => {
      // Authenticated first: a cookie sign-out from another site is refused like any cookie write.
      await authenticate(c, deps);
      const sent = sessionSecret(c);
      const found = sent ? await resolveSession(deps.db, sent.secret, now()) : undefined;
      if (found) await revokeSession(deps.db, found.session.id, now());
      clearSessionCookie(c);
      return c.body(null, 204);
    });
};
