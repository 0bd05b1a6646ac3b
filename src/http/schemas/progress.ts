import { z } from '@hono/zod-openapi';
import { ProgressStatus } from '../../domain/progress/status.ts';
import { OffsetDateTime } from '../../domain/vocabulary.ts';

const Comparator = z.enum(['eq', 'gt', 'gte', 'lt', 'lte', 'approx', 'between']);
const YearValue = z.object({ year: z.number().int(), value: z.number() });
const Point = z.object({
  year: z.number().int(),
  value: z.number(),
  comparator: Comparator,
  stated: z.object({ value: z.number(), unit: z.string() }).optional(),
});
const Source = z
  .record(z.string(), z.unknown())
  .openapi({ description: 'The document section or workbook cell' });
const RegionRef = z.object({ code: z.string(), name: z.string().nullable() });

export const Status = z.enum(ProgressStatus.options).openapi('ProgressStatus', {
  description:
    'achieved: the latest actual proves the target met (a bound or a ≈ value that may fall either side ' +
    'proves nothing); not_achieved: the target year is reported and its actual misses the target; otherwise, ' +
    'before the target year, by the ratio of actual to required progress (growth-ratio method): on_track ≥ ' +
    '0.95, moderate ≥ 0.6, insufficient ≥ 0, regressing < 0; no_data: fewer than two actual values',
});

/** `asOf`, `throughYear` and `format`, accepted by every progress read. */
export const ReadQuery = z.object({
  asOf: OffsetDateTime.optional().openapi({
    description:
      'Recording time: answer from the events recorded up to this time (ISO 8601, with Z or an offset), what ' +
      'the record held then (for audits)',
    example: '2014-04-01T00:00:00+08:00',
  }),
  throughYear: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .openapi({
      description:
        'Report years: the picture using the values of report years up to and including this one, whenever ' +
        'they were recorded (2013: the mid-term evaluation, 2015: the final one)',
      example: 2013,
    }),
  format: z
    .enum(['json', 'csv'])
    .optional()
    .openapi({ description: 'csv for UTF-8 CSV with a BOM (opens in Excel); json by default' }),
  approved: z.enum(['true', 'false']).optional().openapi({
    description:
      'true: count only values of approved periods (a region’s year approved for any plan; the plan documents’ own values always count). Not with asOf',
  }),
});

export const ProgressRow = z
  .object({
    planId: z.string(),
    region: RegionRef,
    indicator: z.object({
      code: z.string(),
      name: z.string(),
      category: z.string(),
      unit: z.string(),
      kind: z.string(),
      direction: z.string(),
      growth: z.string(),
    }),
    part: z.object({ code: z.string(), name: z.string() }).nullable(),
    tier: z.string().nullable().openapi({ description: 'province, city or county for a tiered target' }),
    basis: z.enum(['level', 'annual_growth']),
    targetYear: z.number().int(),
    unit: z.string().openapi({ description: "The unit of every level in the row: the target's" }),
    target: z.object({
      comparator: Comparator,
      value: z.number(),
      upper: z.number().optional().openapi({
        description: 'The upper bound of a range target (between, 3到5): value is the lower one',
      }),
      unit: z.string(),
      year: z.number().int(),
      source: Source,
      revised: z.boolean(),
      earlier: z.array(z.record(z.string(), z.unknown())),
    }),
    status: Status,
    final: z.boolean().openapi({ description: 'The target year has been reported: the outcome is settled' }),
    baseline: Point.omit({ stated: true })
      .extend({ from: z.enum(['base_year', 'first_reported']) })
      .nullable(),
    latest: Point.omit({ stated: true })
      .extend({
        approved: z.boolean().optional().openapi({
          description:
            'Whether its region’s year is approved, as approval stands now (a base-year value of the plan documents needs none)',
        }),
      })
      .nullable(),
    requiredRate: z.number().nullable().openapi({
      description: 'Per year: in the unit (linear method) or as a fraction (compound: 0.1 = 10 %)',
    }),
    actualRate: z.number().nullable(),
    ratio: z.number().nullable().openapi({ description: 'actualRate / requiredRate' }),
    projection: z
      .object({
        year: z.number().int(),
        value: z.number(),
        fit: z.enum(['linear', 'log_linear']),
        rate: z.number(),
        annualGrowth: z.number().nullable(),
        fitted: z
          .number()
          .openapi({ description: "The trend's own value in the target year, before the cap" }),
        uncertain: z.boolean().openapi({
          description: 'Fewer than three reported years, or the trend capped at twice the required progress',
        }),
        doubts: z.array(z.enum(['few_points', 'beyond_cap'])),
      })
      .nullable(),
    gap: z
      .number()
      .nullable()
      .openapi({
        description:
          'How far the target is missed in the direction of progress (≤ 0: met): once final by the target ' +
          "year's actual, before by the projection",
      }),
    completion: z
      .object({
        progress: z
          .number()
          .nullable()
          .openapi({
            description:
              '完成率: progress made over progress required, (latest − baseline) / (target − baseline); ' +
              'growth-rate target: average growth achieved ÷ required',
          }),
        level: z.number().nullable().openapi({
          description:
            'Level target: actual ÷ target (lower is better: target ÷ actual), when both are positive',
        }),
        gap: z.number().nullable().openapi({ description: "The latest actual's shortfall (≤ 0: none)" }),
      })
      .nullable(),
    calculation: z.object({
      method: z.enum(['linear', 'compound']),
      baseYear: z.number().int(),
      observedPart: z.string().nullable(),
      pointsUsed: z.array(Point),
      pointsIgnored: z.array(Point.omit({ stated: true }).extend({ reason: z.string() })),
      unconvertible: z.array(z.object({ year: z.number().int(), value: z.number(), unit: z.string() })),
      notes: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
    }),
  })
  .openapi('ProgressRow');

export const ProgressList = z
  .object({
    planId: z.string(),
    asOf: z.string().nullable(),
    throughYear: z.number().int().nullable(),
    count: z.number().int(),
    rows: z.array(ProgressRow),
  })
  .openapi('ProgressList');

const Counts = z.record(Status, z.number().int());

export const Scorecard = z
  .object({
    planId: z.string(),
    asOf: z.string().nullable(),
    throughYear: z.number().int().nullable(),
    total: z.number().int(),
    counts: Counts,
    byCategory: z.array(z.object({ category: z.string(), total: z.number().int(), counts: Counts })),
    byRegion: z.array(z.object({ region: RegionRef, total: z.number().int(), counts: Counts })),
  })
  .openapi('Scorecard');

const IndicatorDoc = z.object({
  code: z.string(),
  name: z.string(),
  category: z.string(),
  unit: z.string(),
  kind: z.string(),
  direction: z.string(),
  growth: z.string(),
  parts: z.array(z.object({ code: z.string(), name: z.string() })),
});

export const Trajectory = z
  .object({
    asOf: z.string().nullable(),
    throughYear: z.number().int().nullable(),
    region: RegionRef,
    indicator: IndicatorDoc,
    unit: z.string(),
    series: z.array(
      z.object({
        part: z.object({ code: z.string(), name: z.string() }).nullable(),
        points: z.array(
          z.object({
            year: z.number().int(),
            value: z.number().nullable(),
            comparator: Comparator.nullable(),
            stated: z.object({ value: z.number(), unit: z.string() }).optional(),
            revised: z.boolean(),
            revisions: z.number().int(),
            history: z.array(z.record(z.string(), z.unknown())),
          }),
        ),
      }),
    ),
    targets: z.array(
      z.object({
        planId: z.string(),
        part: z.string().nullable(),
        tier: z.string().nullable(),
        year: z.number().int(),
        basis: z.string(),
        comparator: Comparator,
        value: z.number(),
        upper: z.number().optional().openapi({
          description: 'The upper bound of a range target (between, 3到5): value is the lower one',
        }),
        unit: z.string(),
        revised: z.boolean(),
        status: Status,
        final: z.boolean(),
        ratio: z.number().nullable(),
        method: z.string(),
        projection: z
          .object({
            value: z.number(),
            fitted: z.number(),
            uncertain: z.boolean(),
            doubts: z.array(z.enum(['few_points', 'beyond_cap'])),
          })
          .nullable()
          .openapi({ description: "The projection's value in the target year (paths' unit) and its doubts" }),
        unitOfPaths: z.string(),
        baseline: YearValue.nullable(),
        requiredPath: z.array(YearValue),
        projectedPath: z.array(YearValue),
      }),
    ),
  })
  .openapi('Trajectory');

export const Comparison = z
  .object({
    asOf: z.string().nullable(),
    throughYear: z.number().int().nullable(),
    indicator: IndicatorDoc,
    year: z.number().int().nullable(),
    unit: z.string(),
    regions: z.array(
      z.object({
        region: RegionRef,
        part: z.string().nullable(),
        value: z.number().nullable(),
        comparator: Comparator.nullable(),
        stated: z.object({ value: z.number(), unit: z.string() }).optional(),
        revised: z.boolean(),
        targets: z.array(
          z.object({
            planId: z.string(),
            tier: z.string().nullable(),
            year: z.number().int(),
            basis: z.string(),
            comparator: Comparator,
            value: z.number(),
            upper: z
              .number()
              .optional()
              .openapi({ description: 'The upper bound of a range target (between)' }),
            unit: z.string(),
            status: Status,
            ratio: z.number().nullable(),
          }),
        ),
      }),
    ),
  })
  .openapi('Comparison');

export const RebuildResult = z
  .object({ projections: z.array(z.string()), events: z.number().int(), durationMs: z.number().int() })
  .openapi('RebuildResult');
