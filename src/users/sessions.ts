import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashSecret } from '../auth/tokens.ts';
import type { Database } from '../database/schema.ts';
import { DECOY_HASH, verifyPassword } from './passwords.ts';
import { findUserByLogin, getUser, type User } from './users.ts';

/**
 * Signing in and out. A session is a random secret (shown to the client once, as a cookie and in the body) of
 * which only the SHA-256 is kept; it expires after SESSION_HOURS and is revoked by signing out, by disabling the
 * user or by a new password. Failed sign-ins are counted per login name whether or not that login exists: after
 * MAX_FAILURES within LOCK_MINUTES the name is locked for LOCK_MINUTES, and an unknown login is verified against
 * a decoy hash, so neither the answer nor its time tells whether the login exists.
 */

export const SESSION_HOURS = 12;
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
const SESSION_PREFIX = 'pms_';

export interface Session {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
}

export type SignIn =
  | { outcome: 'signed-in'; secret: string; session: Session; user: User }
  | { outcome: 'refused' }
  | { outcome: 'locked'; until: Date };

export const isSessionSecret = (secret: string) => secret.startsWith(SESSION_PREFIX);

const minutes = (n: number) => n * 60_000;

async function lockedUntil(db: Kysely<Database>, login: string, now: Date): Promise<Date | undefined> {
  const row = await db
    .selectFrom('login_failures')
    .select('locked_until')
    .where('login', '=', login)
    .executeTakeFirst();
  const until = row?.locked_until ? new Date(row.locked_until) : undefined;
  return until && until.getTime() > now.getTime() ? until : undefined;
}

/** Counts a failure; the one that reaches MAX_FAILURES within the window locks the login name. */
async function recordFailure(db: Kysely<Database>, login: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('login_failures')
      .selectAll()
      .where('login', '=', login)
      .forUpdate()
      .executeTakeFirst();
    const recent = row && now.getTime() - new Date(row.last_failed_at).getTime() < minutes(LOCK_MINUTES);
    const failures = (recent ? row.failures : 0) + 1;
    const locked = failures >= MAX_FAILURES ? new Date(now.getTime() + minutes(LOCK_MINUTES)) : null;
    const values = { failures: locked ? 0 : failures, last_failed_at: now, locked_until: locked };
    await trx
      .insertInto('login_failures')
      .values({ login, ...values })
      .onConflict((oc) => oc.column('login').doUpdateSet(values))
      .execute();
  });
}

export async function signIn(
  db: Kysely<Database>,
  credentials: { login: string; password: string },
  now: Date,
): Promise<SignIn> {
  const login = credentials.login.trim().toLowerCase();
  const until = await lockedUntil(db, login, now);
  if (until) return { outcome: 'locked', until };
  const found = await findUserByLogin(db, login);
  // Verified whatever was found: an unknown or disabled login costs the same scrypt as a wrong password.
  const matches = await verifyPassword(credentials.password, found?.passwordHash ?? DECOY_HASH);
  if (!found || !matches || found.user.disabledAt) {
    await recordFailure(db, login, now);
    return { outcome: 'refused' };
  }
  await db.deleteFrom('login_failures').where('login', '=', login).execute();
  const secret = `${SESSION_PREFIX}${randomBytes(32).toString('base64url')}`;
  const session: Session = {
    id: `ses_${randomBytes(8).toString('hex')}`,
    userId: found.user.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
  };
  await db
    .insertInto('user_sessions')
    .values({
      session_id: session.id,
      user_id: session.userId,
      secret_sha256: await hashSecret(secret),
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
  return { outcome: 'signed-in', secret, session, user: found.user };
}

/** The live session a secret belongs to and its user; undefined when unknown, expired, revoked or disabled. */
export async function resolveSession(
  db: Kysely<Database>,
  secret: string,
  now: Date,
): Promise<{ session: Session; user: User } | undefined> {
  if (!isSessionSecret(secret)) return undefined;
  const row = await db
    .selectFrom('user_sessions')
    .selectAll()
    .where('secret_sha256', '=', await hashSecret(secret))
    .executeTakeFirst();
  if (!row || row.revoked_at || new Date(row.expires_at).getTime() <= now.getTime()) return undefined;
  const user = await getUser(db, row.user_id);
  if (!user || user.disabledAt) return undefined;
  return {
    session: {
      id: row.session_id,
      userId: row.user_id,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
    },
    user,
  };
}

/** Ends a session from now on (signing out). */
export async function revokeSession(db: Kysely<Database>, sessionId: string, now: Date): Promise<void> {
  await db
    .updateTable('user_sessions')
    .set({ revoked_at: now })
    .where('session_id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}
