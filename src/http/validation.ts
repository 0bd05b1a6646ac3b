import type { Hook } from '@hono/zod-openapi';
import type { Context, Env } from 'hono';
import { z } from 'zod';
import { badTextIn, textProblem } from './middleware/text-check.ts';
import { type ProblemLocation, type ProblemMessage, problem } from './problem.ts';

const zhMessages = z.locales.zhCN().localeError;

type Issue = z.core.$ZodIssue;
type Target = 'json' | 'form' | 'query' | 'param' | 'header' | 'cookie';

const where: Record<Target, NonNullable<ProblemLocation['in']>> = {
  json: 'body',
  form: 'form',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'header',
};

/** `regions[0].code`: the path of an issue as a person writes it. */
export function fieldOf(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** One zod issue in both languages. zod's Chinese locale needs the input to name what was received. */
function issueMessage(issue: Issue, data: unknown): ProblemMessage {
  const field = fieldOf(issue.path);
  // A custom issue of ours carries its Chinese text in params.zh.
  const own = issue.code === 'custom' ? (issue.params?.zh as string | undefined) : undefined;
  const zh = own ?? zhMessages({ ...issue, input: valueAt(data, issue.path) } as never);
  const zhText = typeof zh === 'string' ? zh : (zh?.message ?? issue.message);
  return {
    zh: field ? `${field}：${zhText}` : zhText,
    en: field ? `${field}: ${issue.message}` : issue.message,
  };
}

/** A zod failure as the one problem shape: the first field in `field`, every issue in `errors`. */
export function validationProblem(c: Context, target: Target, error: z.ZodError, data: unknown) {
  const location = where[target];
  const errors = error.issues.map((issue) => ({
    field: fieldOf(issue.path),
    in: location,
    code: issue.code,
    message: issueMessage(issue, data),
  }));
  const first = errors[0];
  const message: ProblemMessage = first
    ? {
        zh: `请求无效：${first.message.zh}${errors.length > 1 ? `（另有 ${errors.length - 1} 处）` : ''}`,
        en: `invalid request: ${first.message.en}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
      }
    : { zh: '请求无效', en: 'invalid request' };
  return problem(c, 400, 'validation_failed', message, {
    ...(first?.field ? { field: first.field } : {}),
    in: location,
    errors,
  });
}

/**
 * The `defaultHook` of every OpenAPIHono: a request that fails its zod schema gets problem+json with the field,
 * instead of the library's default body (zod issues as a JSON string). One that passes is refused still when a
 * string of it (a JSON field, a form field, an uploaded file's name, a path parameter) holds a NUL or a lone
 * surrogate: PostgreSQL cannot store either, and it must not get the chance to fail with a 500.
 */
export const validationHook: Hook<unknown, Env, string, Response | undefined> = (result, c) => {
  if (result.success) {
    const bad = badTextIn(result.data);
    return bad ? textProblem(c, fieldOf(bad) || result.target, where[result.target as Target]) : undefined;
  }
  // zod-validator passes the input along with the failure; the hook's type only names it on success.
  const { data } = result as unknown as { data: unknown };
  // Text no database can hold is named as such, whatever else is wrong with the request.
  const bad = badTextIn(data);
  if (bad) return textProblem(c, fieldOf(bad) || result.target, where[result.target as Target]);
  return validationProblem(c, result.target as Target, result.error, data);
};
