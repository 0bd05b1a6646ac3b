import { z } from '@hono/zod-openapi';
import { NextCursor } from '../pagination.ts';

export const Region = z
  .object({ code: z.string(), name: z.string(), level: z.string(), parentCode: z.string().nullable() })
  .openapi('Region');

export const PlanSummary = z
  .object({
    planId: z.string().openapi({ example: 'lianyungang-12fyp' }),
    title: z.string(),
    issuer: z.string(),
    issuedOn: z.string().openapi({ example: '2012-09-12' }),
    period: z.object({ start: z.number().int(), end: z.number().int() }),
    region: Region,
    documents: z.array(z.string()).openapi({ description: 'Documents stating something of this plan' }),
    counts: z.object({
      indicators: z.number().int(),
      targets: z.number().int(),
      revisedTargets: z.number().int(),
    }),
  })
  .openapi('PlanSummary');

export const Target = z
  .object({
    regionCode: z.string(),
    part: z.string().nullable(),
    tier: z.string().nullable(),
    year: z.number().int(),
    basis: z.enum(['level', 'annual_growth']).or(z.string()),
    comparator: z.string(),
    value: z.number(),
    upper: z
      .number()
      .nullable()
      .openapi({ description: 'The upper bound of a range (between, 3到5); null otherwise' }),
    unit: z.string(),
    source: z.record(z.string(), z.unknown()).openapi({
      description: 'The citation: document (file), title, section, printed (verbatim), printedName, note',
    }),
    printedName: z
      .string()
      .nullable()
      .openapi({ description: 'The row label the plan prints, for a table row' }),
    citations: z
      .array(z.record(z.string(), z.unknown()))
      .openapi({ description: 'Every place that states the current value, the first one first' }),
    revisions: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi('Target');

export const PlanDetail = PlanSummary.extend({
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      category: z.string(),
      unit: z.string(),
      kind: z.string(),
      direction: z.string(),
      growth: z.string(),
      parts: z.array(z.object({ code: z.string(), name: z.string() })),
      printedName: z
        .string()
        .nullable()
        .openapi({ description: 'The row label this plan prints for the indicator in its own region' }),
      targets: z.array(Target),
    }),
  ),
}).openapi('PlanDetail');

export const PlanList = z
  .object({
    plans: z.array(PlanSummary),
    nextCursor: NextCursor,
  })
  .openapi('PlanList');
