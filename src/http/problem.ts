import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ProblemMessage {
  zh: string;
  en: string;
}

/** Where a bad input sits: a field of the body, query, path or headers, or a sheet!cell of an upload. */
export interface ProblemLocation {
  field?: string;
  in?: 'body' | 'query' | 'path' | 'header' | 'form';
  cell?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The documentation address of a problem code (RFC 9457 `type`). */
export const problemType = (code: string) => `https://plan-monitor.invalid/problems/${code}`;

/** The RFC 9457 body: a stable code, the message in Chinese and English, and whatever locates the problem. */
export function problemBody(
  status: number,
  code: string,
  message: ProblemMessage,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { type: problemType(code), title: message.en, status, detail: message.zh, code, message, ...extra };
}

/** A problem as a Response, for places without a Context (middleware error callbacks, thrown errors). */
export function problemResponse(
  status: ContentfulStatusCode,
  code: string,
  message: ProblemMessage,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(problemBody(status, code, message, extra)), {
    status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}

/** The request id of the request being answered, so a person can quote it when reporting a problem. */
export function requestIdOf(c: Context): string | undefined {
  try {
    return c.get('requestId') as string | undefined;
  } catch {
    return undefined;
  }
}

/** An RFC 9457 problem: a stable code, and the message in Chinese and English. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: ProblemMessage,
  extra: Record<string, unknown> = {},
) {
  const requestId = requestIdOf(c);
  c.set('problemCode', code);
  return c.body(
    JSON.stringify(problemBody(status, code, message, { ...(requestId ? { requestId } : {}), ...extra })),
    status,
    { 'Content-Type': PROBLEM_CONTENT_TYPE },
  );
}

export const notFound = (c: Context, code: string, message: ProblemMessage) =>
  problem(c, 404, code, message) as never;

/**
 * A problem thrown from anywhere below a handler (authorisation, a helper): the app's error handler answers it
 * as problem+json with the request id added.
 */
export class ProblemError extends HTTPException {
  constructor(
    override readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly messages: ProblemMessage,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(status, { message: messages.en });
  }

  override getResponse(): Response {
    return problemResponse(this.status, this.code, this.messages, this.extra, this.headers);
  }
}

/** Throws a problem; for helpers that cannot return a Response. */
export function raise(
  status: ContentfulStatusCode,
  code: string,
  message: ProblemMessage,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): never {
  throw new ProblemError(status, code, message, extra, headers);
}
