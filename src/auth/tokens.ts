import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { ApiTokensTable, Database } from '../database/schema.ts';
import { streams } from '../domain/events.ts';
import { OffsetDateTime, RegionCode } from '../domain/vocabulary.ts';

/**
 * API tokens: created with a random secret that is shown once and kept only as its SHA-256; listed; revoked.
 * Web Crypto only, so the same module runs on Node and on Workers.
 */

export const TokenRole = z.enum(['admin', 'reporter', 'reader']);
export type TokenRole = z.infer<typeof TokenRole>;

export type TokenStatus = 'active' | 'revoked' | 'expired';

export interface ApiToken {
  id: string;
  name: string;
  role: TokenRole;
  /** Region codes a reporter may write for (empty for admins and readers). */
  regions: string[];
  createdAt: Date;
  createdBy: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** What a token is asked for. A reporter needs at least one region; the others take none. */
export const NewToken = z
  .object({
    // Checked before trimming so that the OpenAPI document states the rule: at most 200 characters, not blank.
    name: z.string().max(200).regex(/\S/, 'must not be blank').trim(),
    role: TokenRole,
    regions: z.array(RegionCode).default([]),
    expiresAt: OffsetDateTime.nullable().optional(),
  })
  .superRefine((token, context) => {
    if (token.role === 'reporter' && token.regions.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['regions'],
        message: 'a reporter token needs at least one region',
        params: { zh: '报送令牌至少需要一个地区' },
      });
    }
    if (token.role !== 'reporter' && token.regions.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['regions'],
        message: `regions apply to reporter tokens only, not to ${token.role}`,
        params: { zh: `只有报送令牌限定地区，${token.role} 令牌不能指定地区` },
      });
    }
  });
export type NewToken = z.input<typeof NewToken>;

/** A token request the database refused to honour: a stable code, both languages, the field at fault. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly code: string,
    readonly messages: { zh: string; en: string },
    readonly field?: string,
  ) {
    super(messages.en);
  }
}

const SECRET_PREFIX = 'pm_';

function randomBase64Url(bytes: number): string {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...buffer))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** `pm_` and 32 random bytes: the prefix lets secret scanners and people recognise a leaked token. */
export const generateSecret = () => `${SECRET_PREFIX}${randomBase64Url(32)}`;

/** A public id to list and revoke a token by; it reveals nothing of the secret. */
export const generateTokenId = () =>
  `tok_${Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;

export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function tokenStatus(token: ApiToken, now: Date): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

const toDate = (value: Date | string | null): Date | null =>
  value === null ? null : value instanceof Date ? value : new Date(value);

function tokenOf(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.token_id,
    name: row.name,
    role: row.role,
    regions: row.regions,
    createdAt: toDate(row.created_at) as Date,
    createdBy: row.created_by,
    expiresAt: toDate(row.expires_at),
    revokedAt: toDate(row.revoked_at),
    revokedBy: row.revoked_by,
  };
}

/**
 * Creates a token and returns its secret, the only time it is ever available. Every region must be one the
 * catalog has registered, so a mistyped code does not make a token that can write nowhere.
 */
export async function createToken(
  db: Kysely<Database>,
  request: NewToken,
  context: { createdBy: string; now: Date },
): Promise<{ secret: string; token: ApiToken }> {
  const input = NewToken.parse(request);
  const regions = [...new Set(input.regions)].sort();
  if (regions.length > 0) {
    // Asked of the log, not of a read model: a region is known once its RegionRegistered event is recorded,
    // even before the catalog projection has caught up with it.
    const streamIds = regions.map((code) => streams.region(code));
    const recorded = await db
      .selectFrom('events')
      .select('stream_id')
      .distinct()
      .where('stream_id', 'in', streamIds)
      .where('event_type', '=', 'RegionRegistered')
      .execute();
    const known = new Set(recorded.map((row) => row.stream_id.slice('region-'.length)));
    const index = input.regions.findIndex((code) => !known.has(code));
    if (index >= 0) {
      const code = input.regions[index];
      throw new TokenError(
        'unknown_region',
        { zh: `地区代码 ${code} 不在目录中`, en: `region ${code} is not in the catalog` },
        `regions[${index}]`,
      );
    }
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= context.now.getTime()) {
    throw new TokenError(
      'expiry_in_past',
      { zh: `过期时间 ${input.expiresAt} 已过`, en: `the expiry ${input.expiresAt} has already passed` },
      'expiresAt',
    );
  }
  const secret = generateSecret();
  const row = await db
    .insertInto('api_tokens')
    .values({
      token_id: generateTokenId(),
      name: input.name,
      role: input.role,
      regions: JSON.stringify(regions),
      secret_sha256: await hashSecret(secret),
      created_at: context.now,
      created_by: context.createdBy,
      expires_at: expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { secret, token: tokenOf(row) };
}

/** The token a secret belongs to, whatever its status; undefined for a secret we never issued. */
export async function findTokenBySecret(db: Kysely<Database>, secret: string): Promise<ApiToken | undefined> {
  if (!secret.startsWith(SECRET_PREFIX)) return undefined;
  const row = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('secret_sha256', '=', await hashSecret(secret))
    .executeTakeFirst();
  return row ? tokenOf(row) : undefined;
}

export async function getToken(db: Kysely<Database>, id: string): Promise<ApiToken | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('token_id', '=', id).executeTakeFirst();
  return row ? tokenOf(row) : undefined;
}

/** Up to `limit` tokens in creation order, after the `seq` of the last one already seen. */
export async function listTokens(
  db: Kysely<Database>,
  page: { after?: number; limit: number },
): Promise<(ApiToken & { seq: number })[]> {
  let query = db.selectFrom('api_tokens').selectAll().orderBy('seq').limit(page.limit);
  if (page.after !== undefined) query = query.where('seq', '>', page.after);
  const rows = await query.execute();
  return rows.map((row) => ({ ...tokenOf(row), seq: Number(row.seq) }));
}

/**
 * Revokes a token from now on. Revoking it again changes nothing (the first revocation stands).
 * Undefined when there is no such token.
 */
export async function revokeToken(
  db: Kysely<Database>,
  id: string,
  context: { revokedBy: string; now: Date },
): Promise<ApiToken | undefined> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: context.now, revoked_by: context.revokedBy })
    .where('token_id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  return getToken(db, id);
}
