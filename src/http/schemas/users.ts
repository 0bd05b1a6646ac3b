import { z } from '@hono/zod-openapi';
import { NewUser as NewUserInput, Password, UserRole } from '../../users/users.ts';
import { NextCursor } from '../pagination.ts';

// Defined once in src/users (plain zod); native metadata documents it.
export const NewUser = NewUserInput.meta({
  description: 'A person who signs in: a reporter or approver names the regions of its scope',
  example: { login: 'wangfang', name: '王芳', role: 'reporter', regions: ['320700'], password: '…' },
  // The rule NewUser's refinement checks, stated for the document (a refinement has no JSON Schema of its own):
  // a reporter or an approver names at least one region, an admin or a reader none.
  if: { properties: { role: { enum: ['reporter', 'approver'] } } },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, not a promise
  then: { required: ['regions'], properties: { regions: { minItems: 1 } } },
  else: { properties: { regions: { maxItems: 0 } } },
});

export const UserView = z
  .object({
    id: z.string().openapi({ example: 'usr_3f9a1c2b7d4e5f60' }),
    login: z.string().openapi({ example: 'wangfang' }),
    name: z.string().openapi({ example: '王芳' }),
    role: UserRole,
    regions: z.array(z.string()).openapi({
      description: 'GB/T 2260 codes of the scope; a province or city covers the divisions under it',
      example: ['320700'],
    }),
    status: z.enum(['active', 'disabled']),
    createdAt: z.string().openapi({ format: 'date-time' }),
    createdBy: z.string(),
    disabledAt: z.string().nullable().openapi({ format: 'date-time' }),
    disabledBy: z.string().nullable(),
  })
  .openapi('User');

export const UserPage = z.object({ users: z.array(UserView), nextCursor: NextCursor }).openapi('UserPage');

export const UserIdParam = z.object({
  userId: z.string().openapi({ param: { name: 'userId', in: 'path' }, example: 'usr_3f9a1c2b7d4e5f60' }),
});

export const NewPassword = z.object({ password: Password }).openapi('NewPassword');

export const Credentials = z
  .object({ login: z.string().min(1).max(64), password: z.string().min(1).max(200) })
  .openapi('Credentials');

export const SessionView = z
  .object({
    token: z.string().openapi({
      description:
        'The session secret, for API clients: send it as `Authorization: Bearer <token>`. The dashboard uses the HttpOnly cookie set with it instead.',
      example: 'pms_9mC1vQ2…',
    }),
    expiresAt: z.string().openapi({ format: 'date-time' }),
    user: UserView,
  })
  .openapi('Session');

export const CurrentCaller = z
  .object({
    actor: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
    role: UserRole,
    regions: z.array(z.string()),
  })
  .openapi('CurrentCaller');
