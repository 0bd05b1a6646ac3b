import type { Context, MiddlewareHandler } from 'hono';
import { isBadText } from '../../domain/well-formed-text.ts';
import type { ProblemLocation } from '../problem.ts';
import { problem } from '../problem.ts';

/** The path (`regions[0]`, `file.name`) of the first string in a parsed input that holds bad text. */
export function badTextIn(value: unknown, path: readonly PropertyKey[] = []): PropertyKey[] | undefined {
  if (typeof value === 'string') return isBadText(value) ? [...path] : undefined;
  if (typeof File !== 'undefined' && value instanceof File) {
    return isBadText(value.name) ? [...path, 'name'] : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = badTextIn(item, [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (isBadText(key)) return [...path, key];
      const found = badTextIn(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** 400 text_invalid: the field that holds a NUL, a lone surrogate or (in the address) bytes that are not UTF-8. */
export function textProblem(c: Context, field: string, where: NonNullable<ProblemLocation['in']>) {
  return problem(
    c,
    400,
    'text_invalid',
    {
      zh: `${field} 含有不允许的字符（NUL 或不成对的 UTF-16 代理项），或不是有效的 UTF-8 编码`,
      en: `${field} holds a character that is not allowed (NUL or a lone UTF-16 surrogate), or is not valid UTF-8`,
    },
    { field, in: where },
  );
}

/** The text of a percent-encoded URL part, or undefined when its bytes are not UTF-8 (`%ED%A0%80`, `%E4%B8`). */
function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

const good = (text: string | undefined): text is string => text !== undefined && !isBadText(text);

/**
 * Refuses, before anything routes or reads it, a path or query that decodes to bad text: hono leaves a
 * percent-encoding that is not UTF-8 as it is and decodes `%00` to NUL, and either went on to PostgreSQL. The
 * field named is the query parameter, or the path segment as sent.
 */
export function wellFormedUrl(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    if (url.includes('%')) {
      const { pathname, search } = new URL(url);
      for (const segment of pathname.split('/')) {
        if (!good(decoded(segment))) return textProblem(c, segment, 'path');
      }
      for (const pair of search.slice(1).split('&')) {
        const [key = '', value = ''] = pair.replace(/\+/g, ' ').split(/=(.*)/s);
        const name = decoded(key);
        if (!good(name)) return textProblem(c, key, 'query');
        if (!good(decoded(value))) return textProblem(c, name, 'query');
      }
    }
    await next();
  };
}
