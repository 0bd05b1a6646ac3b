import { z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE } from '../problem.ts';

/** The one error shape (RFC 9457), as the OpenAPI document shows it. */
export const Problem = z
  .object({
    type: z.string().openapi({ example: 'https://plan-monitor.invalid/problems/validation_failed' }),
    title: z.string().openapi({ description: 'The message in English' }),
    status: z.number().int(),
    detail: z.string().openapi({ description: 'The message in Chinese' }),
    code: z.string().openapi({ description: 'Stable machine-readable code', example: 'validation_failed' }),
    message: z.object({ zh: z.string(), en: z.string() }),
    requestId: z.string().optional().openapi({ description: 'Echoes X-Request-Id, to quote when reporting' }),
    field: z.string().optional().openapi({ description: 'The input field at fault', example: 'regions[0]' }),
    in: z.enum(['body', 'query', 'path', 'header', 'form']).optional(),
    cell: z
      .string()
      .optional()
      .openapi({ description: 'The sheet!cell at fault, for uploads', example: '附件1!C7' }),
    errors: z
      .array(
        z.object({
          field: z.string(),
          in: z.string(),
          code: z.string(),
          message: z.object({ zh: z.string(), en: z.string() }),
        }),
      )
      .optional()
      .openapi({ description: 'Every validation issue, when there are several' }),
  })
  .passthrough()
  .openapi('Problem');

const descriptions: Record<number, string> = {
  400: 'Invalid request (validation_failed, invalid_json, invalid_cursor …)',
  401: 'No valid token (token_required, token_invalid, token_revoked, token_expired)',
  403: 'The token may not do this (role_forbidden, region_forbidden)',
  404: 'Not found',
  409: 'Conflicts with what is recorded',
  413: 'Request body too large (payload_too_large)',
  415: 'Unsupported content type (unsupported_media_type)',
  422: 'Breaks a rule of the domain',
  429: 'Too many attempts (login_locked): see Retry-After',
};

/** Problem responses for a route definition: `responses: { 200: …, ...problemResponses(400, 401, 403) }`. */
export function problemResponses<S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: descriptions[status] ?? 'Problem',
        content: { [PROBLEM_CONTENT_TYPE.split(';')[0] as string]: { schema: Problem } },
      },
    ]),
  ) as Record<
    S,
    { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }
  >;
}
