import type { MiddlewareHandler } from 'hono';

/** What we accept from a proxy as a request id: short, and nothing that could break a header or a log line. */
const SANE = /^[\w.:=-]{1,200}$/;

/**
 * The request id: a proxy's X-Request-Id when it sent a sane one, else a new UUID. Handlers and logs read it as
 * c.get('requestId'); it is set on the response after the handler ran, so a handler that builds its own
 * Response cannot drop it.
 */
export function requestIdentity(): MiddlewareHandler {
  return async (c, next) => {
    const sent = c.req.header('X-Request-Id');
    const id = sent && SANE.test(sent) ? sent : crypto.randomUUID();
    c.set('requestId', id);
    await next();
    c.header('X-Request-Id', id);
  };
}
