import type { Context, ErrorHandler, Hono, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { DomainError } from '../domain/errors.ts';
import { StreamVersionConflict } from '../store/types.ts';
import { ProblemError, problem } from './problem.ts';

/**
 * The app's answers when no handler answers well: every one is problem+json with its own code. Routes that
 * exist under another method get 405 with Allow; unknown routes 404; errors the libraries throw (bad JSON, a
 * wrong content type, a body too large) their own codes; a domain rule 422; writers that kept racing 409 with
 * Retry-After; anything else 500, logged.
 */

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** A Hono route path (`/plans/:planId`, `/files/*`, `:id{[0-9]+}`) as a regular expression. */
function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      const param = segment.match(/^:[^{}?]+(?:\{(.+)\})?(\?)?$/);
      if (param) return param[1] ? `(?:${param[1]})` : '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/** The methods some route answers for this path (middleware registered for every method does not count). */
export function allowedMethods(app: Hono<never>, path: string): string[] {
  const allowed = new Set<string>();
  for (const route of app.routes) {
    const method = route.method.toUpperCase();
    if (method === 'ALL' || !(METHODS as readonly string[]).includes(method)) continue;
    if (patternOf(route.path).test(path)) allowed.add(method);
  }
  if (allowed.has('GET')) allowed.add('HEAD');
  return [...allowed].sort();
}

export function notFoundHandler(app: Hono<never>): NotFoundHandler {
  return (c) => {
    const allowed = allowedMethods(app, c.req.path);
    if (allowed.length > 0) {
      c.header('Allow', allowed.join(', '));
      return problem(c, 405, 'method_not_allowed', {
        zh: `${c.req.path} 不接受 ${c.req.method} 请求（可用：${allowed.join(', ')}）`,
        en: `${c.req.path} does not accept ${c.req.method} (allowed: ${allowed.join(', ')})`,
      });
    }
    return problem(c, 404, 'route_not_found', {
      zh: `没有这个地址：${c.req.method} ${c.req.path}`,
      en: `no such route: ${c.req.method} ${c.req.path}`,
    });
  };
}

/** Exceptions hono and its validators throw, by status, as our codes. */
function libraryProblem(c: Context, error: HTTPException) {
  switch (error.status) {
    case 400:
      if (/json/i.test(error.message)) {
        return problem(
          c,
          400,
          'invalid_json',
          { zh: '请求体不是有效的 JSON', en: 'the request body is not valid JSON' },
          { in: 'body' },
        );
      }
      if (/form/i.test(error.message)) {
        return problem(
          c,
          400,
          'invalid_form',
          { zh: '请求体不是有效的表单数据', en: 'the request body is not valid form data' },
          { in: 'body' },
        );
      }
      return problem(c, 400, 'bad_request', { zh: `请求无效：${error.message}`, en: error.message });
    case 413:
      return problem(c, 413, 'payload_too_large', { zh: '请求体过大', en: 'the request body is too large' });
    case 415:
      return problem(c, 415, 'unsupported_media_type', {
        zh: `不支持的内容类型：${c.req.header('Content-Type') ?? '（未指定）'}`,
        en: `unsupported content type: ${c.req.header('Content-Type') ?? '(none)'}`,
      });
    default:
      return problem(c, error.status, `http_${error.status}`, { zh: error.message, en: error.message });
  }
}

export function errorHandler(logger?: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof ProblemError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return problem(c, error.status, error.code, error.messages, error.extra);
    }
    if (error instanceof DomainError) {
      return problem(c, 422, error.code, error.messages, error.details);
    }
    if (error instanceof StreamVersionConflict) {
      // Other writers kept changing the same values through every retry: nothing was written, try again.
      c.header('Retry-After', '1');
      return problem(c, 409, 'write_conflict', {
        zh: '同一数值正被其他报送同时修改，本次未写入任何数据，请稍后重试',
        en: 'other writes changed the same values at the same time; nothing was written, try again',
      });
    }
    if (error instanceof HTTPException) {
      // A response made by hand (e.g. by a middleware's own error callback) is kept as it is.
      if (error.res && /problem\+json/.test(error.res.headers.get('Content-Type') ?? '')) return error.res;
      return libraryProblem(c, error);
    }
    logger?.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
    if (!logger) console.error(error);
    return problem(c, 500, 'internal_error', { zh: '服务器内部错误', en: 'internal server error' });
  };
}
