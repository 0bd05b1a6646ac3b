import { z } from '@hono/zod-openapi';
import { OffsetDateTime } from '../../domain/vocabulary.ts';
import { RegionParam } from './params.ts';
import { Status } from './progress.ts';

const Comparator = z.enum(['eq', 'gt', 'gte', 'lt', 'lte', 'approx', 'between']);
const Counts = z.record(Status, z.number().int());
const Completion = z
  .object({ progress: z.number().nullable(), level: z.number().nullable(), gap: z.number().nullable() })
  .nullable()
  .openapi({
    description:
      '完成率: progress = (latest − baseline) / (target − baseline) (growth-rate target: growth achieved ÷ ' +
      'required); level = actual ÷ target (lower is better: target ÷ actual); gap = the latest actual’s shortfall',
  });

export const EvaluationTarget = z.object({
  category: z.string(),
  indicator: z.object({ code: z.string(), name: z.string(), unit: z.string(), direction: z.string() }),
  part: z.object({ code: z.string(), name: z.string() }).nullable(),
  tier: z.string().nullable(),
  basis: z.enum(['level', 'annual_growth']),
  targetYear: z.number().int(),
  unit: z.string(),
  baseline: z.object({ year: z.number().int(), value: z.number(), comparator: Comparator }).nullable(),
  values: z.array(
    z.object({ year: z.number().int(), value: z.number().nullable(), comparator: Comparator.nullable() }),
  ),
  target: z.object({
    comparator: Comparator,
    value: z.number(),
    upper: z.number().optional(),
    unit: z.string(),
  }),
  status: Status,
  final: z.boolean(),
  completion: Completion,
  ratio: z.number().nullable(),
  gap: z.number().nullable(),
  projection: z
    .object({
      year: z.number().int(),
      value: z.number(),
      uncertain: z.boolean(),
      doubts: z.array(z.string()),
    })
    .nullable(),
  citation: z.object({
    document: z.string().nullable(),
    section: z.string().nullable(),
    printed: z.string().nullable(),
    text: z.string(),
  }),
  notes: z.array(z.string()),
});

export const Evaluation = z
  .object({
    asOf: z.string().nullable(),
    plan: z.object({
      planId: z.string(),
      title: z.string(),
      period: z.object({ start: z.number().int(), end: z.number().int() }),
    }),
    region: z.object({ code: z.string(), name: z.string().nullable() }),
    throughYear: z.number().int(),
    kind: z.enum(['mid_term', 'final', 'interim']),
    years: z.array(z.number().int()),
    categories: z.array(z.object({ category: z.string(), targets: z.array(EvaluationTarget) })),
    summary: z.object({
      total: z.number().int(),
      counts: Counts,
      byCategory: z.array(z.object({ category: z.string(), total: z.number().int(), counts: Counts })),
      mostBehind: z.array(
        z.object({
          category: z.string(),
          indicator: z.string(),
          part: z.string().nullable(),
          status: Status,
          completion: z.number().nullable(),
        }),
      ),
    }),
  })
  .openapi('Evaluation');

export const EvaluationQuery = z.object({
  region: RegionParam.optional(),
  throughYear: z.coerce.number().int().min(2000).max(2030).optional().openapi({
    description:
      'The last report year used: 2013 for the mid-term evaluation, 2015 (default: the plan’s end) for the final one',
    example: 2013,
  }),
  asOf: OffsetDateTime.optional().openapi({
    description: 'Recording time: the record as it stood then (audits)',
  }),
  format: z.enum(['json', 'csv', 'xlsx', 'html']).optional().openapi({
    description: 'json (default, full precision); csv, xlsx or html (printable): numbers rounded for people',
  }),
});
