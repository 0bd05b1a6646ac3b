import { stringify } from 'csv-stringify/sync';
import type { Context } from 'hono';
import type { BodyCache } from './body-cache.ts';

/**
 * Helpers every read endpoint shares: an ETag from the log position a read model reflects (with 304 on
 * If-None-Match), JSON or CSV by content negotiation, and opaque cursors for pagination.
 */

type Part = string | number | undefined | null;

/** What determines a response (e.g. the projection's checkpoint and the query), as one text. */
export const readKey = (...parts: Part[]): string => parts.map((part) => String(part ?? '')).join('|');

/** A weak ETag from what determines the response: e.g. the projection's checkpoint and the query. */
export function etagOf(...parts: Part[]): string {
  return etagOfKey(readKey(...parts));
}

/** The ETag of a readKey. */
export function etagOfKey(text: string): string {
  // FNV-1a: short and stable; collisions only cost a needless 200.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `W/"${hash.toString(36)}-${text.length.toString(36)}"`;
}

/** True when the request's If-None-Match already names this ETag. */
export function isNotModified(c: Context, etag: string): boolean {
  const header = c.req.header('If-None-Match');
  if (!header) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(etag));
}

/** CSV when the client asks for it with `?format=csv` or `Accept: text/csv`. */
export function wantsCsv(c: Context): boolean {
  const format = c.req.query('format');
  if (format) return format.toLowerCase() === 'csv';
  const accept = c.req.header('Accept') ?? '';
  return /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept.split(',')[0] ?? '');
}

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | boolean | null | undefined;
}

/** UTF-8 CSV with a byte-order mark, so Excel opens the Chinese text correctly. */
export function csvBody<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const records = rows.map((row) => columns.map((column) => column.value(row) ?? ''));
  return `\uFEFF${stringify([columns.map((column) => column.header), ...records])}`;
}

interface CsvOf<Row> {
  filename: string;
  rows: () => readonly Row[];
  columns: readonly CsvColumn<Row>[];
}

/** The representation asked for, with its own ETag (CSV's differs from JSON's), and the headers every answer has. */
function representation(c: Context, etag: string, offersCsv: boolean) {
  const csv = offersCsv && wantsCsv(c);
  const tag = csv ? etagOf(etag, 'csv') : etag;
  // Caches may keep the body but must ask again each time (If-None-Match): a read model moves with every event.
  const headers: Record<string, string> = {
    ETag: tag,
    Vary: 'Accept, Authorization',
    'Cache-Control': 'no-cache',
  };
  return { csv, notModified: isNotModified(c, tag), headers };
}

/** The body of a 200 and the headers that describe it. */
function render<Row>(
  json: () => unknown,
  csv?: CsvOf<Row>,
): { body: string; headers: Record<string, string> } {
  if (csv) {
    return {
      body: csvBody(csv.rows(), csv.columns),
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${csv.filename}"`,
      },
    };
  }
  return { body: JSON.stringify(json()), headers: { 'Content-Type': 'application/json; charset=utf-8' } };
}

function answer<Row>(
  c: Context,
  headers: Record<string, string>,
  json: () => unknown,
  csv?: CsvOf<Row>,
): Response {
  const rendered = render(json, csv);
  // Through the context, so headers middleware set (X-Request-Id, CORS) stay on the response.
  return c.body(rendered.body, 200, { ...headers, ...rendered.headers });
}

/**
 * Answers a read: 304 when the client has this version, else JSON or CSV, with the ETag either way.
 * `json` and `csv` are functions so the body is only built when it is sent. The CSV representation gets an ETag
 * of its own, so a cached JSON body is never taken for the CSV one (or the other way round).
 */
export function respondWithRead<Row>(
  c: Context,
  read: { etag: string; json: () => unknown; csv?: CsvOf<Row> },
): Response {
  const { csv, notModified, headers } = representation(c, read.etag, read.csv !== undefined);
  if (notModified) return c.body(null, 304, headers);
  return answer(c, headers, read.json, csv ? read.csv : undefined);
}

/**
 * As respondWithRead, for data still to be queried: when the ETag (known before the query, e.g. from a
 * projection's checkpoint) is current, answers 304 without running the query at all.
 */
export async function respondWithQuery<Data, Row>(
  c: Context,
  read: {
    etag: string;
    load: () => Promise<Data>;
    json: (data: Data) => unknown;
    csv?: Omit<CsvOf<Row>, 'rows'> & { rows: (data: Data) => readonly Row[] };
  },
): Promise<Response> {
  const { csv, notModified, headers } = representation(c, read.etag, read.csv !== undefined);
  if (notModified) return c.body(null, 304, headers);
  const data = await read.load();
  return answer(
    c,
    headers,
    () => read.json(data),
    csv && read.csv ? { ...read.csv, rows: () => read.csv?.rows(data) ?? [] } : undefined,
  );
}

const utf8 = new TextEncoder();

/**
 * As respondWithRead, for a read that may be answered from `cache`: `key` is the readKey its ETag was made from
 * (it must name everything the answer depends on, the read model's version included; undefined: not cached).
 * `load` runs only on a miss and returns the body to render, or a Response (a 404 problem) that is not kept.
 */
export async function respondWithCachedRead<Row>(
  c: Context,
  cache: BodyCache,
  read: {
    etag: string;
    key: string | undefined;
    load: () => Promise<Response | { json: () => unknown; csv?: CsvOf<Row> }>;
  },
): Promise<Response> {
  const { csv, notModified, headers } = representation(c, read.etag, true);
  if (notModified) return c.body(null, 304, headers);
  const key = read.key === undefined ? undefined : `${read.key}|${csv ? 'csv' : 'json'}`;
  if (key === undefined) {
    const loaded = await read.load();
    if (loaded instanceof Response) return loaded;
    const rendered = render(loaded.json, csv ? loaded.csv : undefined);
    return c.body(rendered.body, 200, { ...headers, ...rendered.headers });
  }
  const hit = cache.get(key);
  if (hit) return c.body(hit.body, 200, { ...headers, ...hit.headers });
  // Requests for the same key while it loads share that load: the key names the version they all read.
  let loading = cache.loading.get(key);
  let problem: Response | undefined;
  if (!loading) {
    loading = (async () => {
      const loaded = await read.load();
      if (loaded instanceof Response) {
        problem = loaded;
        return undefined;
      }
      const rendered = render(loaded.json, csv ? loaded.csv : undefined);
      // TextEncoder always returns a fresh ArrayBuffer; Workers' types only say ArrayBufferLike.
      const body = { body: utf8.encode(rendered.body) as Uint8Array<ArrayBuffer>, headers: rendered.headers };
      cache.set(key, body);
      return body;
    })().finally(() => cache.loading.delete(key));
    cache.loading.set(key, loading);
  }
  const shared = await loading;
  if (problem) return problem;
  // Another request's load ended in a problem (a 404): answer it from this request's own load.
  if (!shared) return respondWithCachedRead(c, cache, { ...read, key: undefined });
  return c.body(shared.body, 200, { ...headers, ...shared.headers });
}

/** An opaque cursor for keyset pagination (base64url of the last row's sort key). */
export const encodeCursor = (key: unknown): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** The key a cursor carries, or undefined if it is not one of ours. */
export function decodeCursor<T>(cursor: string | undefined): T | undefined {
  if (!cursor) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}
