import { z } from '@hono/zod-openapi';
import { NewToken as NewTokenInput, TokenRole } from '../../auth/tokens.ts';
import { NextCursor } from '../pagination.ts';

// Defined once in src/auth (plain zod, made before @hono/zod-openapi extends zod, so no .openapi()): native
// metadata documents it.
export const NewToken = NewTokenInput.meta({
  description: 'A token to create: a reporter names the regions it may report for',
  example: { name: '连云港统计局', role: 'reporter', regions: ['320700'] },
  // The rule NewToken's refinement checks, stated for the document (a refinement has no JSON Schema of its own):
  // a reporter names at least one region, an admin or a reader none.
  if: { properties: { role: { const: 'reporter' } } },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, not a promise
  then: { required: ['regions'], properties: { regions: { minItems: 1 } } },
  else: { properties: { regions: { maxItems: 0 } } },
});

export const TokenView = z
  .object({
    id: z.string().openapi({ example: 'tok_3f9a1c2b7d4e5f60' }),
    name: z.string().openapi({ example: '连云港统计局' }),
    role: TokenRole,
    regions: z.array(z.string()).openapi({
      description:
        'GB/T 2260 codes a reporter may write for; a province or city covers the divisions under it',
      example: ['320700'],
    }),
    status: z.enum(['active', 'revoked', 'expired']),
    createdAt: z.string().openapi({ format: 'date-time' }),
    createdBy: z.string(),
    expiresAt: z.string().nullable().openapi({ format: 'date-time' }),
    revokedAt: z.string().nullable().openapi({ format: 'date-time' }),
    revokedBy: z.string().nullable(),
  })
  .openapi('Token');

export const CreatedToken = TokenView.extend({
  secret: z.string().openapi({
    description:
      'The token itself: send it as `Authorization: Bearer <secret>`. Shown this once, never again.',
    example: 'pm_9mC1vQ2…',
  }),
}).openapi('CreatedToken');

export const TokenPage = z
  .object({ tokens: z.array(TokenView), nextCursor: NextCursor })
  .openapi('TokenPage');

export const TokenIdParam = z.object({
  tokenId: z.string().openapi({ param: { name: 'tokenId', in: 'path' }, example: 'tok_3f9a1c2b7d4e5f60' }),
});
