import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  type ApiToken,
  createToken,
  getToken,
  listTokens,
  revokeToken,
  TokenError,
  tokenStatus,
} from '../../auth/tokens.ts';
import type { Actor } from '../../domain/vocabulary.ts';
import { authorizeAdmin } from '../auth/authorize.ts';
import type { AppDeps } from '../deps.ts';
import { cursorKey, PageQuery, pageOf } from '../pagination.ts';
import { notFound, problem } from '../problem.ts';
import { problemResponses } from '../schemas/problem.ts';
import { CreatedToken, NewToken, TokenIdParam, TokenPage, TokenView } from '../schemas/tokens.ts';

const security = [{ bearer: [] }];

const createTokenRoute = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['tokens'],
  summary: 'Create a token (admin); its secret is in this answer only',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: NewToken } } } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: CreatedToken } } },
    ...problemResponses(400, 401, 403, 413, 415, 422),
  },
});

const listTokensRoute = createRoute({
  method: 'get',
  path: '/tokens',
  tags: ['tokens'],
  summary: 'Every token, oldest first, a page at a time (admin); secrets are never shown',
  security,
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of tokens', content: { 'application/json': { schema: TokenPage } } },
    ...problemResponses(400, 401, 403),
  },
});

const getTokenRoute = createRoute({
  method: 'get',
  path: '/tokens/{tokenId}',
  tags: ['tokens'],
  summary: 'One token (admin)',
  security,
  request: { params: TokenIdParam },
  responses: {
    200: { description: 'The token', content: { 'application/json': { schema: TokenView } } },
    ...problemResponses(401, 403, 404),
  },
});

const revokeTokenRoute = createRoute({
  method: 'post',
  path: '/tokens/{tokenId}/revoke',
  tags: ['tokens'],
  summary: 'Revoke a token from now on (admin); revoking it again changes nothing',
  security,
  request: { params: TokenIdParam },
  responses: {
    200: { description: 'The revoked token', content: { 'application/json': { schema: TokenView } } },
    ...problemResponses(401, 403, 404),
  },
});

/** A token as the API shows it: never its secret, never its hash. */
export function tokenView(token: ApiToken, now: Date): z.infer<typeof TokenView> {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    regions: token.regions,
    status: tokenStatus(token, now),
    createdAt: token.createdAt.toISOString(),
    createdBy: token.createdBy,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    revokedBy: token.revokedBy,
  };
}

/** How an actor is written into a token's created_by / revoked_by. */
export const actorLabel = (actor: Actor) => `${actor.kind}:${actor.id}:${actor.name}`;

const tokenNotFound = (c: Context, tokenId: string) =>
  notFound(c, 'token_not_found', { zh: `没有令牌 ${tokenId}`, en: `no token ${tokenId}` });

export const tokenRoutes = (deps: AppDeps) => {
  const now = () => deps.now?.() ?? new Date();
  return new OpenAPIHono()
    .openapi(createTokenRoute, async (c) => {
      const actor = await authorizeAdmin(c, deps);
      const at = now();
      try {
        const { secret, token } = await createToken(deps.db, c.req.valid('json'), {
          createdBy: actorLabel(actor),
          now: at,
        });
        return c.json({ ...tokenView(token, at), secret }, 201);
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        // A well-formed request the catalog or the clock refuses (a region not in it, an expiry past): a rule, 422.
        return problem(c, 422, error.code, error.messages, { field: error.field, in: 'body' }) as never;
      }
    })
    .openapi(listTokensRoute, async (c) => {
      await authorizeAdmin(c, deps);
      const { cursor, limit } = c.req.valid('query');
      const after = cursorKey(cursor, z.number().int());
      const rows = await listTokens(deps.db, { after, limit: limit + 1 });
      const at = now();
      const page = pageOf(rows, limit, (token) => token.seq);
      return c.json(
        { tokens: page.items.map((token) => tokenView(token, at)), nextCursor: page.nextCursor },
        200,
      );
    })
    .openapi(getTokenRoute, async (c) => {
      await authorizeAdmin(c, deps);
      const { tokenId } = c.req.valid('param');
      const token = await getToken(deps.db, tokenId);
      if (!token) return tokenNotFound(c, tokenId);
      return c.json(tokenView(token, now()), 200);
    })
    .openapi(revokeTokenRoute, async (c) => {
      const actor = await authorizeAdmin(c, deps);
      const { tokenId } = c.req.valid('param');
      const at = now();
      const token = await revokeToken(deps.db, tokenId, { revokedBy: actorLabel(actor), now: at });
      if (!token) return tokenNotFound(c, tokenId);
      return c.json(tokenView(token, at), 200);
    });
};
