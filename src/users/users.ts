import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { Database, UsersTable } from '../database/schema.ts';
import { streams } from '../domain/events.ts';
import { RegionCode } from '../domain/vocabulary.ts';
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN } from './passwords.ts';

/**
 * People who sign in. A reporter uploads and submits for its regions, an approver approves and reopens the
 * periods of its regions (a province covers its cities), a reader reads, an admin manages. Passwords are kept
 * only as scrypt hashes (passwords.ts); a user is never deleted, only disabled, so events that name them resolve.
 */

export const UserRole = z.enum(['admin', 'reporter', 'approver', 'reader']);
export type UserRole = z.infer<typeof UserRole>;

export const Login = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2–64 letters, digits, dots, dashes or underscores');

export const Password = z
  .string()
  .min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `at most ${PASSWORD_MAX} characters`);

const scoped = (role: UserRole) => role === 'reporter' || role === 'approver';

export const NewUser = z
  .object({
    login: Login,
    name: z.string().trim().min(1).max(200),
    role: UserRole,
    regions: z.array(RegionCode).default([]),
    password: Password,
  })
  .superRefine((user, context) => {
    if (scoped(user.role) && user.regions.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['regions'],
        message: `a ${user.role} needs at least one region`,
        params: { zh: `${user.role === 'reporter' ? '报送人' : '审核人'}至少需要一个地区` },
      });
    }
    if (!scoped(user.role) && user.regions.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['regions'],
        message: `regions apply to reporters and approvers only, not to ${user.role}`,
        params: { zh: `只有报送人和审核人限定地区，${user.role} 不能指定地区` },
      });
    }
  });
export type NewUser = z.input<typeof NewUser>;

export interface User {
  id: string;
  login: string;
  name: string;
  role: UserRole;
  regions: string[];
  createdAt: Date;
  createdBy: string;
  disabledAt: Date | null;
  disabledBy: string | null;
  passwordChangedAt: Date;
}

/** A user request the database refused: a stable code, both languages, the field at fault. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: string,
    readonly messages: { zh: string; en: string },
    readonly field?: string,
  ) {
    super(messages.en);
  }
}

const toDate = (value: Date | string | null): Date | null =>
  value === null ? null : value instanceof Date ? value : new Date(value);

export function userOf(row: Selectable<UsersTable>): User {
  return {
    id: row.user_id,
    login: row.login,
    name: row.name,
    role: row.role,
    regions: row.regions,
    createdAt: toDate(row.created_at) as Date,
    createdBy: row.created_by,
    disabledAt: toDate(row.disabled_at),
    disabledBy: row.disabled_by,
    passwordChangedAt: toDate(row.password_changed_at) as Date,
  };
}

const generateUserId = () =>
  `usr_${Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;

/** Every region must be registered in the log, so a mistyped code does not make a user who can act nowhere. */
async function checkRegions(db: Kysely<Database>, regions: readonly string[]): Promise<void> {
  if (regions.length === 0) return;
  const recorded = await db
    .selectFrom('events')
    .select('stream_id')
    .distinct()
    .where(
      'stream_id',
      'in',
      regions.map((code) => streams.region(code)),
    )
    .where('event_type', '=', 'RegionRegistered')
    .execute();
  const known = new Set(recorded.map((row) => row.stream_id.slice('region-'.length)));
  const index = regions.findIndex((code) => !known.has(code));
  if (index >= 0) {
    throw new UserError(
      'unknown_region',
      { zh: `地区代码 ${regions[index]} 不在目录中`, en: `region ${regions[index]} is not in the catalog` },
      `regions[${index}]`,
    );
  }
}

export async function createUser(
  db: Kysely<Database>,
  request: NewUser,
  context: { createdBy: string; now: Date },
): Promise<User> {
  const input = NewUser.parse(request);
  await checkRegions(db, input.regions);
  const taken = await db
    .selectFrom('users')
    .select('user_id')
    .where('login', '=', input.login)
    .executeTakeFirst();
  if (taken) {
    throw new UserError(
      'login_taken',
      { zh: `登录名 ${input.login} 已被使用`, en: `the login ${input.login} is already taken` },
      'login',
    );
  }
  const row = await db
    .insertInto('users')
    .values({
      user_id: generateUserId(),
      login: input.login,
      name: input.name,
      role: input.role,
      regions: JSON.stringify([...new Set(input.regions)].sort()),
      password_hash: await hashPassword(input.password),
      created_at: context.now,
      created_by: context.createdBy,
      password_changed_at: context.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return userOf(row);
}

export async function getUser(db: Kysely<Database>, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('user_id', '=', id).executeTakeFirst();
  return row ? userOf(row) : undefined;
}

/** A user and their password hash, by login (for signing in only). */
export async function findUserByLogin(
  db: Kysely<Database>,
  login: string,
): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
  return row ? { user: userOf(row), passwordHash: row.password_hash } : undefined;
}

/** Up to `limit` users in creation order, after the `seq` of the last one already seen. */
export async function listUsers(
  db: Kysely<Database>,
  page: { after?: number; limit: number },
): Promise<(User & { seq: number })[]> {
  let query = db.selectFrom('users').selectAll().orderBy('seq').limit(page.limit);
  if (page.after !== undefined) query = query.where('seq', '>', page.after);
  const rows = await query.execute();
  return rows.map((row) => ({ ...userOf(row), seq: Number(row.seq) }));
}

/** Disables a user from now on and ends their sessions; disabling again changes nothing. */
export async function disableUser(
  db: Kysely<Database>,
  id: string,
  context: { disabledBy: string; now: Date },
): Promise<User | undefined> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ disabled_at: context.now, disabled_by: context.disabledBy })
      .where('user_id', '=', id)
      .where('disabled_at', 'is', null)
      .execute();
    await trx
      .updateTable('user_sessions')
      .set({ revoked_at: context.now })
      .where('user_id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  });
  return getUser(db, id);
}

/** Sets a new password and ends every session made with the old one. */
export async function resetPassword(
  db: Kysely<Database>,
  id: string,
  password: string,
  context: { now: Date },
): Promise<User | undefined> {
  const hash = await hashPassword(Password.parse(password));
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: context.now })
      .where('user_id', '=', id)
      .execute();
    await trx
      .updateTable('user_sessions')
      .set({ revoked_at: context.now })
      .where('user_id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  });
  return getUser(db, id);
}
