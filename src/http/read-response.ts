import { stringify } from 'csv-stringify/sync';
import type { Context } from 'hono';

/**
 * Helpers every read endpoint shares: an ETag from the log position a read model reflects (with 304 on
 * If-None-Match), JSON or CSV by content negotiation, and opaque cursors for pagination.
 */

/** A weak ETag from what determines the response: e.g. the projection's checkpoint and the query. */
export function etagOf(...parts: (string | number | undefined | null)[]): string {
  const text = parts.map((part) => String(part ?? '')).join('|');
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

function answer<Row>(
  c: Context,
  headers: Record<string, string>,
  json: () => unknown,
  csv?: CsvOf<Row>,
): Response {
  // Through the context, so headers middleware set (X-Request-Id, CORS) stay on the response.
  if (csv) {
    return c.body(csvBody(csv.rows(), csv.columns), 200, {
      ...headers,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${csv.filename}"`,
    });
  }
  return c.body(JSON.stringify(json()), 200, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
  });
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
