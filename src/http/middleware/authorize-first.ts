import type { MiddlewareHandler } from 'hono';
import { authenticate, roleForbidden } from '../auth/authorize.ts';
import type { AppDeps } from '../deps.ts';

/** Who may call a write route at all: an admin only, or a reporter too (an admin always may). */
export type WriteRole = 'admin' | 'reporter';

/**
 * A route middleware (createRoute's `middleware`), so it runs before the route's validators: the caller is
 * authenticated (401) and its role checked (403) before the body is read or validated. An unauthenticated 20 MB
 * upload is thus answered without buffering it. What the client still sends after the answer, @hono/node-server
 * reads and discards for at most 500 ms (64 MB), then closes the connection; closing it at once (Connection:
 * close) made clients that were still sending lose the answer to a reset (EPIPE). What needs the body (a
 * reporter's region scope) is checked by the handler, with the same cached caller.
 */
export function authorizeFirst(deps: AppDeps, role: WriteRole): MiddlewareHandler {
  return async (c, next) => {
    const caller = await authenticate(c, deps);
    if (caller.role !== 'admin' && !(role === 'reporter' && caller.role === 'reporter')) {
      roleForbidden(caller, role);
    }
    await next();
  };
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * authorizeFirst for the write methods of every route under a path (`app.use`); reads pass, and so does a write
 * no route answers (`routed` false), which gets its 404 or 405 without a token.
 */
export function authorizeWrites(
  deps: AppDeps,
  role: WriteRole,
  routed: (method: string, path: string) => boolean,
): MiddlewareHandler {
  const check = authorizeFirst(deps, role);
  return (c, next) =>
    WRITES.has(c.req.method) && routed(c.req.method, c.req.path) ? check(c, next) : next();
}
