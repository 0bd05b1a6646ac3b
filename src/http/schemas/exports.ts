import { z } from '@hono/zod-openapi';

/**
 * Bounds that keep a conversion cheap: a dashboard table is a few hundred rows of a dozen columns, and the body is
 * at most MAX_BODY_BYTES (1 MB) anyway. The row count is checked, not declared as maxItems: a schema generator
 * (the contract test's) fills an array towards its maxItems, and 20,000 rows of generated text is gigabytes.
 */
export const EXPORT_LIMITS = { rows: 20_000, columns: 100, cellLength: 1_000, titleLength: 100 } as const;

export const TableExport = z
  .object({
    title: z
      .string()
      .trim()
      .min(1)
      .max(EXPORT_LIMITS.titleLength)
      .openapi({ description: 'The sheet’s and the file’s name', example: '连云港市-指标一览' }),
    rows: z
      .array(z.array(z.string().max(EXPORT_LIMITS.cellLength)).max(EXPORT_LIMITS.columns))
      .min(1)
      .refine((rows) => rows.length <= EXPORT_LIMITS.rows, {
        message: `at most ${EXPORT_LIMITS.rows} rows`,
        params: { zh: `最多 ${EXPORT_LIMITS.rows} 行` },
      })
      .openapi({
        description: `The header row, then each row, as the table shows them (the same rows as its CSV export); at most ${EXPORT_LIMITS.rows} rows`,
        example: [
          ['指标', '2015年目标', '状态'],
          ['家庭宽带用户数', '100 万户', '进展顺利'],
        ],
      }),
  })
  .openapi('TableExport');

export type TableExport = z.infer<typeof TableExport>;
