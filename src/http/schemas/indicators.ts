import { z } from '@hono/zod-openapi';
import { ReadFormat } from './read.ts';

export const IndicatorQuery = z
  .object({
    region: z
      .string()
      .regex(/^\d{6}$/, 'a six-digit GB/T 2260 code')
      .optional()
      .openapi({ description: 'Only this region’s baselines and targets', example: '370200' }),
    plan: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .optional()
      .openapi({
        description: 'Only this plan’s targets, and the baselines of the regions it sets targets for',
      }),
    category: z
      .string()
      .min(1)
      .optional()
      .openapi({ description: 'Only this category', example: '信息基础设施' }),
    hasTarget: z.enum(['true', 'false']).optional().openapi({
      description:
        'true: only indicators with a target; false: only context indicators (a baseline, no target) of the regions asked for',
    }),
  })
  .extend(ReadFormat.shape);

const Citation = z.record(z.string(), z.unknown()).openapi({
  description: 'Where the document states it: document (file), title, section, printed (verbatim), note',
});

export const IndicatorBaseline = z
  .object({
    part: z.string().nullable(),
    year: z.number().int(),
    comparator: z.string(),
    value: z.number(),
    unit: z.string(),
    source: Citation,
  })
  .openapi('IndicatorBaseline');

export const IndicatorTarget = z
  .object({
    planId: z.string(),
    part: z.string().nullable(),
    tier: z.string().nullable(),
    year: z.number().int(),
    basis: z.string(),
    comparator: z.string(),
    value: z.number(),
    upper: z
      .number()
      .nullable()
      .openapi({ description: 'The upper bound of a range (between, 3到5); null otherwise' }),
    unit: z.string(),
    printedName: z
      .string()
      .nullable()
      .openapi({ description: 'The row label the plan prints, for a table row' }),
    source: Citation,
    citations: z.array(Citation).openapi({ description: 'Every place that states the current value' }),
    revisions: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi('IndicatorTarget');

export const Indicator = z
  .object({
    code: z.string().openapi({ example: 'broadband-subscribers' }),
    name: z.string(),
    category: z.string(),
    unit: z.string(),
    kind: z.string(),
    direction: z.string(),
    growth: z.string(),
    parts: z.array(z.object({ code: z.string(), name: z.string() })),
    aliases: z.array(z.string()),
    hasTarget: z.boolean(),
    regions: z.array(
      z.object({
        regionCode: z.string(),
        regionName: z.string().nullable(),
        baselines: z.array(IndicatorBaseline),
        targets: z.array(IndicatorTarget),
      }),
    ),
  })
  .openapi('Indicator');

export const IndicatorList = z.object({ indicators: z.array(Indicator) }).openapi('IndicatorList');
