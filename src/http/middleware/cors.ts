import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * CORS for dashboards served from other origins: only the origins configured (CORS_ORIGINS, comma-separated;
 * `*` for any). None configured: no CORS headers, browsers keep other origins out.
 */
export function corsFor(origins: readonly string[] | undefined): MiddlewareHandler | undefined {
  if (!origins || origins.length === 0) return undefined;
  return cors({
    origin: origins.includes('*') ? '*' : [...origins],
    allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match', 'X-Request-Id', 'Accept'],
    exposeHeaders: ['ETag', 'X-Request-Id', 'Content-Disposition', 'Location', 'WWW-Authenticate'],
    maxAge: 600,
  });
}
