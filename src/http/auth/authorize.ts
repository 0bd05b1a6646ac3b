import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Actor } from '../../domain/vocabulary.ts';
import type { AppDeps } from '../deps.ts';

/** The bearer token of a request, if it sent one. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('Authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

function refuse(status: 401 | 403, code: string, zh: string, en: string): never {
  const body = JSON.stringify({
    type: `https://plan-monitor.invalid/problems/${code}`,
    title: en,
    status,
    detail: zh,
    code,
    message: { zh, en },
  });
  throw new HTTPException(status, {
    res: new Response(body, {
      status,
      headers: { 'Content-Type': 'application/problem+json; charset=utf-8' },
    }),
  });
}

/**
 * The actor allowed to write for `regionCode`, or a 401/403 problem. Events record this actor (its id and name,
 * never the secret).
 */
export async function authorizeWrite(c: Context, deps: AppDeps, _regionCode: string): Promise<Actor> {
  const token = bearerToken(c);
  if (!token) refuse(401, 'token_required', '需要 API 令牌', 'an API token is required');
  if (deps.config.adminToken && token === deps.config.adminToken) {
    return { kind: 'admin', id: 'admin-token', name: 'ADMIN_TOKEN' };
  }
  return refuse(401, 'token_invalid', 'API 令牌无效', 'the API token is not valid');
}
