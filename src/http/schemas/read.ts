import { z } from '@hono/zod-openapi';

/** `?format=csv` on any read that offers CSV (the same as `Accept: text/csv`). */
export const ReadFormat = z.object({
  format: z
    .enum(['json', 'csv'])
    .optional()
    .openapi({ description: 'csv for UTF-8 CSV with a BOM (opens in Excel); json by default' }),
});

/** A read that carries an ETag answers 304, without a body, to an If-None-Match naming it. */
export const notModified = { 304: { description: 'Not modified: the If-None-Match ETag is current' } };
