import type { Context, MiddlewareHandler } from 'hono';
import type { UserRole } from '../../users/users.ts';
import { authenticate, roleForbidden } from '../auth/authorize.ts';
import type { AppDeps } from '../deps.ts';

/** Who may call a write route at all besides an admin (who always may). */
export type WriteRole = UserRole;

/** Up to this much of an unread body is discarded after the answer (cheap), more closes the connection. */
const DRAINED_BYTES = 1024 * 1024;

/** The request has a large body still on the wire: declared above DRAINED_BYTES, or streamed (length unknown). */
function largeBodyPending(c: Context): boolean {
  const length = c.req.header('Content-Length');
  if (length !== undefined) return Number(length) > DRAINED_BYTES;
  return c.req.header('Transfer-Encoding') !== undefined || c.req.raw.body !== null;
}

/**
 * A route middleware (createRoute's `middleware`), so it runs before the route's validators: the caller is
 * authenticated (401) and its role checked (403) before the body is read or validated. An unauthenticated 20 MB
 * upload is thus answered without buffering it. Left open, the connection's unread body is read and discarded by
 * @hono/node-server for up to 500 ms: harmless for an ordinary body, but 20 uploads of 20 MB at once over loopback
 * kept the event loop busy enough to hold /healthz's p99 at 250 ms. Above 1 MB (or of unknown length) the answer
 * therefore closes the connection (Connection: close; p99 about 80 ms); a client still sending may then see the
 * reset before the answer (1–2 in 200 in the reliability test), which below 1 MB fetch did for every refused upload.
 * What needs the body (a reporter's region scope) is checked by the handler, with the same cached caller.
 */
export function authorizeFirst(deps: AppDeps, roles: WriteRole | readonly WriteRole[]): MiddlewareHandler {
  const allowed = new Set<WriteRole>(['admin', ...[roles].flat()]);
  const needed = [roles].flat().join('/');
  return async (c, next) => {
    try {
      const caller = await authenticate(c, deps);
      if (!allowed.has(caller.role)) roleForbidden(caller, needed);
    } catch (error) {
      if (largeBodyPending(c)) c.header('Connection', 'close');
      throw error;
    }
    await next();
  };
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Who may write where: the first rule whose pattern matches the path decides; `null` means no caller is needed
 * (signing in). A path no rule matches needs a reporter (or an admin).
 */
export type WriteRules = readonly (readonly [pattern: RegExp, roles: readonly WriteRole[] | null])[];

/**
 * authorizeFirst for the write methods of every route under a path (`app.use`), by `rules`; reads pass, and so
 * does a write no route answers (`routed` false), which gets its 404 or 405 without a token.
 */
export function authorizeWrites(
  deps: AppDeps,
  rules: WriteRules,
  routed: (method: string, path: string) => boolean,
): MiddlewareHandler {
  const checks = rules.map(([pattern, roles]) => [pattern, roles && authorizeFirst(deps, roles)] as const);
  const otherwise = authorizeFirst(deps, 'reporter');
  return (c, next) => {
    if (!WRITES.has(c.req.method) || !routed(c.req.method, c.req.path)) return next();
    const rule = checks.find(([pattern]) => pattern.test(c.req.path));
    if (!rule) return otherwise(c, next);
    const [, check] = rule;
    return check ? check(c, next) : next();
  };
}
