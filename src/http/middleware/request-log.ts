import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';

/**
 * One JSON line per request, with the request id the response echoes in X-Request-Id, who made it (the token's
 * id and name once a handler has authenticated it) and how long it took. Probes log at debug level only.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const actor = c.get('actor') as { id: string; name: string } | undefined;
    const entry = {
      requestId: c.get('requestId') as string | undefined,
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(actor ? { actor: { id: actor.id, name: actor.name } } : {}),
      ...(status >= 400 ? { code: c.get('problemCode') as string | undefined } : {}),
    };
    if (status >= 500) logger.error(entry, 'request failed');
    else if (c.req.path === '/healthz' || c.req.path === '/readyz') logger.debug(entry, 'probe');
    else logger.info(entry, 'request');
  };
}
