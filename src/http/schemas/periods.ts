import { z } from '@hono/zod-openapi';
import { PlanId, Year } from '../../domain/vocabulary.ts';
import { RegionParam } from './params.ts';

export const PeriodParams = z.object({
  planId: PlanId.meta({ description: 'The plan', example: 'lianyungang-12fyp' }),
  region: RegionParam,
  year: z.coerce.number().pipe(Year).openapi({
    description: "The report year; one outside the plan's period is refused (422 year_outside_plan)",
    example: 2011,
    // What Year enforces, stated for the document (the coerced pipe has no bounds of its own there).
    type: 'integer',
    minimum: 2000,
    maximum: 2100,
  }),
});

export const Reopening = z
  .object({
    reason: z.string().trim().min(1).max(2000).openapi({ example: '连云港市统计局更正 2011 年宽带用户数' }),
  })
  .openapi('Reopening');

const PeriodState = z.enum(['open', 'submitted', 'approved']);

export const PeriodTransition = z
  .object({
    type: z.enum(['PeriodSubmitted', 'PeriodApproved', 'PeriodReopened']),
    state: PeriodState.openapi({ description: 'The state it led to' }),
    by: z
      .object({ kind: z.string(), id: z.string(), name: z.string() })
      .openapi({ description: 'Who moved it' }),
    at: z.string().openapi({ format: 'date-time' }),
    reason: z.string().nullable().openapi({ description: 'Why it was reopened' }),
    version: z.number().int().openapi({
      description:
        "The transition's version in the period's stream; writes after a reopen name it (period-…#version)",
    }),
  })
  .openapi('PeriodTransition');

export const PeriodView = z
  .object({
    planId: z.string(),
    region: z.string(),
    year: z.number().int(),
    state: PeriodState,
    history: z.array(PeriodTransition).openapi({ description: 'Every transition, oldest first' }),
  })
  .openapi('Period');

export const PeriodList = z
  .object({ planId: z.string(), periods: z.array(PeriodView) })
  .openapi('PeriodList');

export const PeriodListQuery = z.object({
  region: RegionParam.optional().openapi({
    description:
      "One region and the divisions under it; with it, each of the plan's years is listed, open ones too",
  }),
});
