import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { scopesCover } from '../../auth/region-scope.ts';
import { findTokenBySecret, hashSecret, tokenStatus } from '../../auth/tokens.ts';
import type { Actor } from '../../domain/vocabulary.ts';
import type { UserRole } from '../../users/users.ts';
import type { AppDeps } from '../deps.ts';
import { raise } from '../problem.ts';
import { sessionCaller } from './session-caller.ts';

/** Who is calling: the actor events will record (a token's id and name, never its secret), its role and scope. */
export interface Caller {
  actor: Actor;
  /** A token's role, or a signed-in person's (who may also be an approver). */
  role: UserRole;
  /** Regions a reporter may write for; empty for admins and readers. */
  regions: readonly string[];
}

const ADMIN_ACTOR: Actor = { kind: 'admin', id: 'admin-token', name: 'ADMIN_TOKEN' };

/**
 * Who runs a command line that acts through the service with its local credential (src/cli/service-client.ts):
 * JSON `{id, name}`, URI-encoded. Honoured with the local credential only, so no token can claim a CLI actor.
 */
export const LOCAL_ACTOR_HEADER = 'Plan-Monitor-Cli-Actor';

const LocalActor = z.object({
  id: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(200),
});

/** The person behind the local credential, as the command line states it (kind 'cli', as a direct CLI run). */
export function localActor(header: string | undefined): Actor {
  let parsed: unknown;
  try {
    parsed = header ? JSON.parse(decodeURIComponent(header)) : undefined;
  } catch {
    parsed = undefined;
  }
  const stated = LocalActor.safeParse(parsed);
  return stated.success
    ? { kind: 'cli', id: stated.data.id, name: stated.data.name }
    : { kind: 'cli', id: 'local', name: 'local credential' };
}

/** The bearer token of a request, if it sent one. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('Authorization');
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

function unauthorized(code: string, zh: string, en: string, error: string): never {
  return raise(
    401,
    code,
    { zh, en },
    {},
    { 'WWW-Authenticate': `Bearer realm="plan-monitor", error="${error}"` },
  );
}

async function sameSecret(a: string, b: string): Promise<boolean> {
  // Compare digests, not the secrets: the time taken tells nothing about the admin token.
  return (await hashSecret(a)) === (await hashSecret(b));
}

// One lookup per request, however many checks a handler makes.
const callers = new WeakMap<Request, Promise<Caller>>();

async function resolveCaller(c: Context, deps: AppDeps): Promise<Caller> {
  const signedIn = await sessionCaller(c, deps);
  if (signedIn) return signedIn;
  const secret = bearerToken(c);
  if (!secret) {
    const sent = c.req.header('Authorization');
    return unauthorized(
      'token_required',
      sent ? 'Authorization 头须为 “Bearer <令牌>”' : '需要 API 令牌（Authorization: Bearer <令牌>）',
      sent
        ? 'the Authorization header must be "Bearer <token>"'
        : 'an API token is required (Authorization: Bearer <token>)',
      'invalid_request',
    );
  }
  if (deps.config.adminToken && (await sameSecret(secret, deps.config.adminToken))) {
    return { actor: ADMIN_ACTOR, role: 'admin', regions: [] };
  }
  if (deps.config.localCredential && (await sameSecret(secret, deps.config.localCredential))) {
    return { actor: localActor(c.req.header(LOCAL_ACTOR_HEADER)), role: 'admin', regions: [] };
  }
  const token = await findTokenBySecret(deps.db, secret);
  if (!token)
    return unauthorized('token_invalid', 'API 令牌无效', 'the API token is not valid', 'invalid_token');
  const now = deps.now?.() ?? new Date();
  switch (tokenStatus(token, now)) {
    case 'revoked':
      return unauthorized(
        'token_revoked',
        `API 令牌 ${token.id}（${token.name}）已被撤销`,
        `the API token ${token.id} (${token.name}) has been revoked`,
        'invalid_token',
      );
    case 'expired':
      return unauthorized(
        'token_expired',
        `API 令牌 ${token.id}（${token.name}）已于 ${token.expiresAt?.toISOString()} 过期`,
        `the API token ${token.id} (${token.name}) expired at ${token.expiresAt?.toISOString()}`,
        'invalid_token',
      );
    case 'active':
      return {
        actor: { kind: 'token', id: token.id, name: token.name },
        role: token.role,
        regions: token.regions,
      };
  }
}

/** The caller of this request, or a 401 problem: token_required, token_invalid, token_revoked, token_expired. */
export function authenticate(c: Context, deps: AppDeps): Promise<Caller> {
  let caller = callers.get(c.req.raw);
  if (!caller) {
    caller = resolveCaller(c, deps);
    callers.set(c.req.raw, caller);
  }
  return caller.then((resolved) => {
    // For the request log: who did it.
    c.set('actor', resolved.actor);
    return resolved;
  });
}

/** A 403 role_forbidden problem: this caller's role may not do what needs `needed`. */
export function roleForbidden(caller: Caller, needed: string): never {
  return raise(403, 'role_forbidden', {
    zh: `${caller.role} 令牌（${caller.actor.name}）无权${needed === 'admin' ? '管理' : '写入'}；需要 ${needed} 令牌`,
    en: `a ${caller.role} token (${caller.actor.name}) may not do this; it needs a ${needed} token`,
  });
}

/**
 * The actor allowed to write for `regionCode`, or a 401/403 problem: admins write anywhere, a reporter for the
 * regions its scope covers (a province code covers its cities), a reader nowhere. Events record this actor (its
 * id and name, never the secret).
 */
export async function authorizeWrite(c: Context, deps: AppDeps, regionCode: string): Promise<Actor> {
  const caller = await authenticate(c, deps);
  if (caller.role === 'admin') return caller.actor;
  if (caller.role !== 'reporter') return roleForbidden(caller, 'reporter');
  if (!scopesCover(caller.regions, regionCode)) {
    return raise(
      403,
      'region_forbidden',
      {
        zh: `令牌 ${caller.actor.name} 只能为 ${caller.regions.join('、')} 报送，不能为 ${regionCode} 报送`,
        en: `the token ${caller.actor.name} may report for ${caller.regions.join(', ')} only, not for ${regionCode}`,
      },
      { region: regionCode, allowedRegions: caller.regions },
    );
  }
  return caller.actor;
}

/** The admin calling, or a 401/403 problem. */
export async function authorizeAdmin(c: Context, deps: AppDeps): Promise<Actor> {
  const caller = await authenticate(c, deps);
  if (caller.role !== 'admin') return roleForbidden(caller, 'admin');
  return caller.actor;
}

/**
 * With READ_ACCESS=token, every read needs a valid token of any role; public by default. Mounted in front of
 * the API; `publicPaths` (the API's own description) stay open.
 */
export function readAccess(deps: AppDeps, publicPaths: readonly string[] = []): MiddlewareHandler {
  return async (c, next) => {
    const isRead = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (deps.config.readAccess === 'token' && isRead && !publicPaths.includes(c.req.path)) {
      await authenticate(c, deps);
    }
    await next();
  };
}
