import { z } from '@hono/zod-openapi';
import { RegionParam } from './params.ts';
import { ReadFormat } from './read.ts';

export const CompletenessQuery = ReadFormat.extend({
  region: RegionParam.optional().meta({ description: 'Only this region of the plan' }),
  year: z.coerce.number().int().min(2000).max(2030).optional().openapi({
    description: 'Only this report year (2011–2015 for the five plans)',
    example: 2012,
  }),
});

export const YearCompleteness = z
  .object({
    year: z.number().int(),
    expected: z.number().int().openapi({
      description: "Values expected: one per indicator and part the plan's targets name for the region",
    }),
    reported: z.number().int().openapi({ description: 'How many of them have a current value for the year' }),
    share: z.number().openapi({ description: 'reported / expected, from 0 to 1 (full precision)' }),
    lastReportAt: z.string().nullable().openapi({
      description: "When the latest of the year's values was stated (an import or the API), null if none",
    }),
    deadline: z.string().openapi({
      description: 'The end of REPORT_DEADLINE (MM-DD, default 03-31) of the following year, China time',
      example: '2013-03-31T16:00:00.000Z',
    }),
    inByDeadline: z.boolean().nullable().openapi({
      description: 'Every reported value was first reported by the deadline (false: late); null when none is',
    }),
  })
  .openapi('YearCompleteness');

export const RegionCompleteness = z
  .object({
    region: z.object({ code: z.string(), name: z.string() }),
    targets: z.number().int().openapi({ description: "The region's targets in the plan" }),
    targetsNeverReported: z.number().int().openapi({
      description:
        'Targets whose series has no value in any report year: no_data because nothing was reported',
    }),
    years: z.array(YearCompleteness),
  })
  .openapi('RegionCompleteness');

export const PlanCompleteness = z
  .object({
    planId: z.string(),
    period: z.object({ start: z.number().int(), end: z.number().int() }),
    regions: z.array(RegionCompleteness),
  })
  .openapi('PlanCompleteness');
