import { z } from '@hono/zod-openapi';
import { ImportProblem, UploadedWorkbook } from './imports.ts';
import { RegionParam } from './params.ts';

const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const YearField = z.string().regex(/^(20\d\d|2100)$/, 'a year from 2000 to 2100, such as 2021');

export const PlanUpload = z
  .object({
    file: UploadedWorkbook,
    region: RegionParam.meta({ description: "The plan's region (GB/T 2260)", example: '420100' }),
    regionName: z.string().min(1).max(50).optional().openapi({
      description:
        "The region's name, for a region the catalog does not have (else read from the title: 武汉市…)",
    }),
    title: z.string().min(1).max(200).optional().openapi({ example: '武汉市“十四五”信息化发展规划' }),
    issuer: z.string().min(1).max(100).optional().openapi({ example: '武汉市人民政府' }),
    issuedOn: z.iso.date().optional().openapi({ example: '2021-09-30' }),
    periodStart: YearField.optional().openapi({ example: '2021' }),
    periodEnd: YearField.optional().openapi({ example: '2025' }),
    plan: Id.optional().openapi({
      description: 'A published plan this table revises (its changed targets become revisions)',
    }),
    planId: Id.optional().openapi({
      description: 'The id of a new plan; proposed from region and period by default',
    }),
    document: z
      .string()
      .max(300)
      .optional()
      .openapi({ description: 'The document (and section) the table is from' }),
    dryRun: z
      .enum(['true', 'false'])
      .optional()
      .openapi({ description: 'true: answer the draft, write nothing' }),
  })
  .openapi('PlanUpload');

const Inferred = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    from: z
      .enum(['column', 'catalog', 'unit', 'name', 'comparator', 'values', 'default'])
      .openapi({ description: 'What the value rests on: the sheet, the catalog, or an inference' }),
  });

const Citation = z.object({
  sheet: z.string(),
  cell: z.string(),
  printed: z.string().openapi({ description: 'The cell as printed' }),
});

const DraftValue = z.object({
  planId: z.string(),
  regionCode: z.string(),
  year: z.number().int(),
  part: z.string().nullable(),
  tier: z.enum(['province', 'city', 'county']).nullable(),
  basis: z.enum(['level', 'annual_growth']),
  comparator: z.string(),
  value: z.number(),
  upper: z.number().optional().openapi({ description: 'The upper bound of a range (between, 3到5)' }),
  unit: z.string(),
  cite: Citation,
});

const DraftRow = z.object({
  cite: Citation,
  indicator: z.object({
    code: z.string(),
    name: z.string(),
    printedName: z.string(),
    category: z.string(),
    unit: z.string(),
    kind: Inferred(z.enum(['ratio', 'count', 'amount', 'index'])),
    direction: Inferred(z.enum(['increase', 'decrease'])),
    growth: Inferred(z.enum(['linear', 'compound'])),
    parts: z.array(z.object({ code: z.string(), name: z.string() })),
    match: z
      .union([
        z.object({
          kind: z.literal('existing'),
          via: z.enum(['code', 'name']),
          confidence: z.number(),
          matchedName: z.string(),
        }),
        z.object({ kind: z.literal('new'), via: z.enum(['code', 'proposed']) }),
      ])
      .openapi({ description: 'A shared indicator of the catalog (with confidence), or a new one' }),
  }),
  baselines: z.array(DraftValue),
  targets: z.array(DraftValue),
});

export const PlanUploadReport = z
  .object({
    uploadId: z.string(),
    status: z.enum(['draft', 'published', 'duplicate', 'rejected']),
    plan: z
      .object({
        planId: z.string(),
        regionCode: z.string(),
        title: z.string(),
        issuer: z.string(),
        issuedOn: z.string(),
        period: z.object({ start: z.number().int(), end: z.number().int() }),
        baseYear: z.number().int(),
        revises: z.string().optional(),
      })
      .nullable(),
    region: z
      .object({
        code: z.string(),
        name: z.string(),
        level: z.enum(['province', 'city', 'county']),
        parentCode: z.string().nullable(),
        known: z.boolean().openapi({ description: 'false: the region is new to the catalog' }),
      })
      .nullable(),
    rows: z.array(DraftRow),
    counts: z.object({
      rows: z.number().int(),
      matched: z.number().int(),
      new: z.number().int(),
      targets: z.number().int(),
      baselines: z.number().int(),
      events: z.number().int(),
      revisedTargets: z.number().int(),
      problems: z.number().int(),
    }),
    problems: z.array(ImportProblem),
  })
  .openapi('PlanUploadReport');
