import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ProblemMessage {
  zh: string;
  en: string;
}

/** An RFC 9457 problem: a stable code, and the message in Chinese and English. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: ProblemMessage,
  extra: Record<string, unknown> = {},
) {
  return c.body(
    JSON.stringify({
      type: `https://plan-monitor.invalid/problems/${code}`,
      title: message.en,
      status,
      detail: message.zh,
      code,
      message,
      ...extra,
    }),
    status,
    { 'Content-Type': 'application/problem+json; charset=utf-8' },
  );
}

export const notFound = (c: Context, code: string, message: ProblemMessage) =>
  problem(c, 404, code, message) as never;
