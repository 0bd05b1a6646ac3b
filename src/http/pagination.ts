import { z } from '@hono/zod-openapi';
import { raise } from './problem.ts';
import { decodeCursor, encodeCursor } from './read-response.ts';

/**
 * Cursor pagination for list endpoints: the query takes `cursor` and `limit`, the answer carries `nextCursor`
 * (null on the last page). A cursor is the opaque sort key of the last row sent, so a page never repeats or
 * skips rows when others are added meanwhile (keyset pagination, not offsets).
 */

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Spread into a route's query schema: `request: { query: PageQuery }` or `PageQuery.extend({...})`. */
export const PageQuery = z.object({
  cursor: z
    .string()
    .optional()
    .openapi({ description: 'The `nextCursor` of the previous page; absent for the first page' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .openapi({ description: `Rows per page (1–${MAX_PAGE_SIZE})`, example: DEFAULT_PAGE_SIZE }),
});

export const NextCursor = z
  .string()
  .nullable()
  .openapi({ description: 'Pass as `cursor` for the next page; null when this is the last page' });

/** The sort key a cursor carries, checked against `key`; a cursor that is not one of ours is a 400 problem. */
export function cursorKey<K>(cursor: string | undefined, key: z.ZodType<K>): K | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const parsed = key.safeParse(decodeCursor(cursor));
  if (!parsed.success) {
    return raise(
      400,
      'invalid_cursor',
      {
        zh: '分页游标无效：请使用上一页返回的 nextCursor',
        en: 'invalid cursor: pass the nextCursor of the previous page',
      },
      { field: 'cursor', in: 'query' },
    );
  }
  return parsed.data;
}

/**
 * One page from rows fetched with `limit + 1` (the extra row only tells that there is a next page), and the
 * cursor after its last row.
 */
export function pageOf<Row, K>(
  rows: readonly Row[],
  limit: number,
  keyOf: (row: Row) => K,
): { items: Row[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
