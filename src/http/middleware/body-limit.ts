import type { MiddlewareHandler } from 'hono';
import { problemResponse, raise, requestIdOf } from '../problem.ts';

export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

// A workbook arrives as multipart form data (or, from a script, as the raw file); anything else is a small JSON body.
const UPLOAD_TYPES = [
  'multipart/form-data',
  'application/octet-stream',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

const isUpload = (contentType: string | undefined) =>
  UPLOAD_TYPES.includes((contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '');

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 100) / 100} MB`;

const tooLargeMessage = (maxSize: number, kind: 'upload' | 'body') => ({
  zh: `${kind === 'upload' ? '上传文件' : '请求体'}超过上限 ${megabytes(maxSize)}`,
  en: `the ${kind === 'upload' ? 'upload' : 'request body'} exceeds the limit of ${megabytes(maxSize)}`,
});

const tooLarge = (maxSize: number, kind: 'upload' | 'body'): never =>
  raise(413, 'payload_too_large', tooLargeMessage(maxSize, kind), { limitBytes: maxSize });

/**
 * hono's bodyLimit reads a body without a Content-Length whole into memory before the route runs, before any
 * token is checked. This one counts the body as the route reads it instead: a declared Content-Length over the
 * limit is refused at once, a streamed body fails once it passes the limit, and the answer is then 413.
 */
function limitOf(maxSize: number, kind: 'upload' | 'body'): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      if (Number(declared) > maxSize) tooLarge(maxSize, kind);
      return next();
    }
    let size = 0;
    let exceeded = false;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.byteLength;
          if (size > maxSize) {
            exceeded = true;
            controller.error(new Error('the request body exceeds its limit'));
          } else controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    await next();
    // Whatever the reader of the body made of the failed stream (a 400 for a malformed form), it was too large.
    if (exceeded) {
      const requestId = requestIdOf(c);
      c.res = problemResponse(413, 'payload_too_large', tooLargeMessage(maxSize, kind), {
        limitBytes: maxSize,
        ...(requestId ? { requestId } : {}),
      });
    }
  };
}

/**
 * Refuses a body over its limit with 413 payload_too_large: uploads up to `maxUploadBytes` (20 MB by default),
 * other bodies up to `maxBodyBytes` (1 MB). A declared Content-Length is checked at once; a streamed body is
 * counted as it is read, never buffered here.
 */
export function bodyLimits(limits: { maxUploadBytes?: number; maxBodyBytes?: number }): MiddlewareHandler {
  const upload = limitOf(limits.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES, 'upload');
  const body = limitOf(limits.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, 'body');
  return (c, next) => {
    // A GET or HEAD has no body (Node's adapter gives it none). Asking for it anyway, as hono's bodyLimit does,
    // makes @hono/node-server build a full web Request (headers copied, an AbortSignal) on every read: that
    // was about a tenth of the server's CPU under 100 connections of GET /healthz.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return isUpload(c.req.header('Content-Type')) ? upload(c, next) : body(c, next);
  };
}
