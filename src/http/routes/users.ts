import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  createUser,
  disableUser,
  getUser,
  listUsers,
  resetPassword,
  type User,
  UserError,
} from '../../users/users.ts';
import { authorizeAdmin } from '../auth/authorize.ts';
import type { AppDeps } from '../deps.ts';
import { cursorKey, PageQuery, pageOf } from '../pagination.ts';
import { notFound, problem } from '../problem.ts';
import { problemResponses } from '../schemas/problem.ts';
import { NewPassword, NewUser, UserIdParam, UserPage, UserView } from '../schemas/users.ts';
import { actorLabel } from './tokens.ts';

/** The people who sign in, managed by an admin: create, list, show, disable, set a new password. */

const security = [{ bearer: [] }];

const createUserRoute = createRoute({
  method: 'post',
  path: '/users',
  tags: ['users'],
  summary: 'Create a user (admin); the password is kept only as a scrypt hash',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: NewUser } } } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: UserView } } },
    ...problemResponses(400, 401, 403, 409, 413, 415, 422),
  },
});

const listUsersRoute = createRoute({
  method: 'get',
  path: '/users',
  tags: ['users'],
  summary: 'Every user, oldest first, a page at a time (admin)',
  security,
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of users', content: { 'application/json': { schema: UserPage } } },
    ...problemResponses(400, 401, 403),
  },
});

const getUserRoute = createRoute({
  method: 'get',
  path: '/users/{userId}',
  tags: ['users'],
  summary: 'One user (admin)',
  security,
  request: { params: UserIdParam },
  responses: {
    200: { description: 'The user', content: { 'application/json': { schema: UserView } } },
    ...problemResponses(401, 403, 404),
  },
});

const disableUserRoute = createRoute({
  method: 'post',
  path: '/users/{userId}/disable',
  tags: ['users'],
  summary: 'Disable a user from now on and end their sessions (admin)',
  security,
  request: { params: UserIdParam },
  responses: {
    200: { description: 'The disabled user', content: { 'application/json': { schema: UserView } } },
    ...problemResponses(401, 403, 404),
  },
});

const resetPasswordRoute = createRoute({
  method: 'post',
  path: '/users/{userId}/password',
  tags: ['users'],
  summary: "Set a user's new password (admin); their sessions end",
  security,
  request: {
    params: UserIdParam,
    body: { required: true, content: { 'application/json': { schema: NewPassword } } },
  },
  responses: {
    200: { description: 'The user', content: { 'application/json': { schema: UserView } } },
    ...problemResponses(400, 401, 403, 404, 413, 415),
  },
});

/** A user as the API shows it: never the password or its hash. */
export function userView(user: User): z.infer<typeof UserView> {
  return {
    id: user.id,
    login: user.login,
    name: user.name,
    role: user.role,
    regions: user.regions,
    status: user.disabledAt ? 'disabled' : 'active',
    createdAt: user.createdAt.toISOString(),
    createdBy: user.createdBy,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    disabledBy: user.disabledBy,
  };
}

const userNotFound = (c: Context, userId: string) =>
  notFound(c, 'user_not_found', { zh: `没有用户 ${userId}`, en: `no user ${userId}` });

export const userRoutes = (deps: AppDeps) => {
  const now = () => deps.now?.() ?? new Date();
  return new OpenAPIHono()
    .openapi(createUserRoute, async (c) => {
      const actor = await authorizeAdmin(c, deps);
      try {
        const user = await createUser(deps.db, c.req.valid('json'), {
          createdBy: actorLabel(actor),
          now: now(),
        });
        return c.json(userView(user), 201);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        // A well-formed request the catalog refuses (a region not in it) breaks a rule: 422, as for tokens.
        const status = error.code === 'login_taken' ? 409 : 422;
        return problem(c, status, error.code, error.messages, { field: error.field, in: 'body' }) as never;
      }
    })
    .openapi(listUsersRoute, async (c) => {
      await authorizeAdmin(c, deps);
      const { cursor, limit } = c.req.valid('query');
      const rows = await listUsers(deps.db, { after: cursorKey(cursor, z.number().int()), limit: limit + 1 });
      const page = pageOf(rows, limit, (user) => user.seq);
      return c.json({ users: page.items.map(userView), nextCursor: page.nextCursor }, 200);
    })
    .openapi(getUserRoute, async (c) => {
      await authorizeAdmin(c, deps);
      const { userId } = c.req.valid('param');
      const user = await getUser(deps.db, userId);
      if (!user) return userNotFound(c, userId);
      return c.json(userView(user), 200);
    })
    .openapi(disableUserRoute, async (c) => {
      const actor = await authorizeAdmin(c, deps);
      const { userId } = c.req.valid('param');
      const user = await disableUser(deps.db, userId, { disabledBy: actorLabel(actor), now: now() });
      if (!user) return userNotFound(c, userId);
      return c.json(userView(user), 200);
    })
    .openapi(resetPasswordRoute, async (c) => {
      await authorizeAdmin(c, deps);
      const { userId } = c.req.valid('param');
      if (!(await getUser(deps.db, userId))) return userNotFound(c, userId);
      const user = await resetPassword(deps.db, userId, c.req.valid('json').password, { now: now() });
      if (!user) return userNotFound(c, userId);
      return c.json(userView(user), 200);
    });
};
