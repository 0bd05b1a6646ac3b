import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Session } from '../../users/sessions.ts';
import { isSessionSecret, resolveSession } from '../../users/sessions.ts';
import type { AppDeps } from '../deps.ts';
import { raise } from '../problem.ts';
import type { Caller } from './authorize.ts';

/**
 * A signed-in person as the caller of a request: by the session cookie (the dashboard) or by the session's
 * secret as a bearer token (API clients). API tokens are resolved by authorize.ts as before.
 *
 * A cookie is sent by the browser whoever made the page that sends the request, so a write authenticated by it
 * must come from this origin: its Origin header (or Sec-Fetch-Site: same-origin) must say so, whatever the
 * content type (hono/csrf checks form types only; a JSON write with the cookie is refused too). SameSite=Strict
 * already keeps the cookie off cross-site requests; this is the second, independent defence.
 */

export const SESSION_COOKIE = 'pm_session';

const isSafe = (method: string) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

/** True over TLS, directly or behind a proxy that says so. */
export const overTls = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https';

export function setSessionCookie(c: Context, secret: string, session: Session): void {
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: overTls(c),
    path: '/',
    expires: session.expiresAt,
  });
}

export const clearSessionCookie = (c: Context) =>
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: overTls(c) });

/** The session secret a request carries: a `pms_` bearer token, else the cookie. */
export function sessionSecret(c: Context): { secret: string; from: 'bearer' | 'cookie' } | undefined {
  const match = c.req.header('Authorization')?.match(/^Bearer\s+(\S+)\s*$/i);
  if (match?.[1]) return isSessionSecret(match[1]) ? { secret: match[1], from: 'bearer' } : undefined;
  if (c.req.header('Authorization')) return undefined;
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? { secret: cookie, from: 'cookie' } : undefined;
}

function sameOrigin(c: Context, deps: AppDeps): boolean {
  const origin = c.req.header('Origin');
  if (origin) {
    const allowed = (deps.config.corsOrigins ?? []).filter((o) => o !== '*');
    return origin === new URL(c.req.url).origin || allowed.includes(origin);
  }
  return c.req.header('Sec-Fetch-Site') === 'same-origin';
}

/** The signed-in caller of this request, undefined when it sends no session; a 401/403 problem for a bad one. */
export async function sessionCaller(c: Context, deps: AppDeps): Promise<Caller | undefined> {
  const sent = sessionSecret(c);
  if (!sent) return undefined;
  const found = await resolveSession(deps.db, sent.secret, deps.now?.() ?? new Date());
  if (!found) {
    return raise(
      401,
      'session_invalid',
      { zh: '登录已失效，请重新登录', en: 'the session has ended or is not valid: sign in again' },
      {},
      { 'WWW-Authenticate': 'Bearer realm="plan-monitor", error="invalid_token"' },
    );
  }
  if (sent.from === 'cookie' && !isSafe(c.req.method) && !sameOrigin(c, deps)) {
    return raise(403, 'csrf_rejected', {
      zh: '以登录 Cookie 发出的写请求必须来自本站页面（Origin 不符）',
      en: 'a write authenticated by the session cookie must come from this site (Origin does not match)',
    });
  }
  const { user } = found;
  return { actor: { kind: 'user', id: user.id, name: user.name }, role: user.role, regions: user.regions };
}
