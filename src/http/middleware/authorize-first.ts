import type { Context, MiddlewareHandler } from 'hono';
import { authenticate, roleForbidden } from '../auth/authorize.ts';
import type { AppDeps } from '../deps.ts';

/** Who may call a write route at all: an admin only, or a reporter too (an admin always may). */
export type WriteRole = 'admin' | 'reporter';

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
export function authorizeFirst(deps: AppDeps, role: WriteRole): MiddlewareHandler {
  return async (c, next) => {
    try {
      const caller = await authenticate(c, deps);
      if (caller.role !== 'admin' && !(role === 'reporter' && caller.role === 'reporter')) {
        roleForbidden(caller, role);
      }
    } catch (error) {
      if (largeBodyPending(c)) c.header('Connection', 'close');
      throw error;
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
