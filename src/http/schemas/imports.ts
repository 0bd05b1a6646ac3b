import { z } from '@hono/zod-openapi';
import { RegionParam } from './params.ts';

const Message = z.object({ zh: z.string(), en: z.string() });

/**
 * The document says binary: a part that arrives as text (no file name, as an empty upload often does) is that
 * text's bytes, so an empty upload is reported as an empty file, not as a missing one.
 */
export const UploadedWorkbook = z
  .custom<File | string>((value) => value instanceof File || typeof value === 'string', {
    message: 'a file is required (multipart field "file")',
  })
  .transform((value) => (typeof value === 'string' ? new File([value], '') : value))
  .openapi({
    type: 'string',
    format: 'binary',
    description: 'The workbook (.xlsx), as a file part; a part without a file name is read as its bytes',
  });

export const ImportUpload = z
  .object({
    file: UploadedWorkbook,
    region: RegionParam.meta({ description: 'The reporting region (GB/T 2260)', example: '320700' }),
    plan: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .optional()
      .openapi({
        description: "The plan the sheet follows; the region's own by default",
        example: 'lianyungang-12fyp',
      }),
    dryRun: z
      .enum(['true', 'false'])
      .optional()
      .openapi({ description: 'true: read and decide, write nothing' }),
    confirmImplausible: z.enum(['true', 'false']).optional().openapi({
      description:
        'true: import the values the plausibility checks flag (severity implausible) as they are; each one’s event records the confirmation and the rule',
    }),
    confirmCells: z.string().max(100_000).optional().openapi({
      description:
        'The implausible cells confirmed, one by one: Sheet!A1 (or A1), separated by commas, semicolons or new lines',
      example: '附件1!F14,附件1!G9',
    }),
  })
  .openapi('ImportUpload');

export const Observation = z
  .object({
    region: z.string().openapi({ example: '320700' }),
    indicator: z.object({ code: z.string(), name: z.string(), unit: z.string() }),
    part: z
      .string()
      .nullable()
      .openapi({ description: 'A part of a compound indicator (demo, pilot, urban …)' }),
    tier: z.enum(['province', 'city', 'county']).nullable(),
    year: z.number().int(),
    kind: z.enum(['actual', 'target']).openapi({
      description: 'actual: a reported value (an event); target: compared with the catalog, never written',
    }),
    comparator: z.enum(['eq', 'gt', 'gte', 'lt', 'lte', 'approx', 'between']),
    value: z.number(),
    upper: z.number().optional().openapi({ description: 'The upper bound of a range (between, 3到5)' }),
    cell: z.string().openapi({ example: '附件1!C5' }),
    rowLabel: z.string().nullable().optional().openapi({
      description:
        'The row as the sheet prints it, beside the catalog’s name (indicator.name): its label, or a sub-row’s label; null when the row had only its code. Absent in reports kept before it was added',
      example: '城市家庭宽带接入能力（Mbps）',
    }),
  })
  .openapi('Observation');

export const ImplausibleRule = z.enum(['unit_slip', 'share_as_fraction', 'past_target', 'jump']).openapi({
  description:
    'unit_slip: about 10^4 or 10^8 times (or 1/10^4) the series’ nearest value; share_as_fraction: 0.79 where the series stands near 79 %; past_target: far past the plan’s end target in its first year; jump: outside the band the series and the target span, widened per year',
});

export const ImplausibleDetail = z
  .object({
    indicator: z.object({ code: z.string(), name: z.string() }),
    year: z.number().int(),
    part: z.string().nullable(),
    printed: z.string().openapi({ description: 'The cell as written', example: '3402000' }),
    value: z.number().openapi({ description: 'The value read, in the row’s unit' }),
    unit: z.string().openapi({ example: '万户' }),
    rule: ImplausibleRule,
    expected: z
      .string()
      .openapi({ description: 'The likely intended value, or a range', example: '340.2？' }),
    confirmed: z.boolean().openapi({
      description: 'The uploader confirmed it (confirmImplausible or confirmCells): imported as read',
    }),
  })
  .openapi('ImplausibleDetail');

const ProblemCell = z
  .object({
    cell: z.string().openapi({ example: '主要指标!H20' }),
    rowLabel: z.string().optional().openapi({
      description: 'The indicator as the sheet prints it (the row’s label), where known',
      example: '城市家庭宽带接入能力',
    }),
    year: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'The year of the cell’s column', example: 2013 }),
    message: Message.optional().openapi({
      description:
        'What the problem says at this cell, when it differs from cell to cell (a problem grouped by its hint)',
    }),
  })
  .openapi('ProblemCell');

export const ImportProblem = z
  .object({
    code: z.string().openapi({ example: 'date_not_a_value' }),
    severity: z.enum(['error', 'implausible', 'warning']).openapi({
      description:
        'error: the file is refused. implausible (code value_implausible): a believable number but not a believable figure for the region; the file is refused unless the uploader confirms it. warning: imported all the same',
    }),
    implausible: ImplausibleDetail.optional(),
    cell: z
      .string()
      .optional()
      .openapi({ description: 'The first cell (Sheet!A1); absent for the whole file' }),
    cells: z.array(z.string()).openapi({ description: 'Every cell with this problem (repeats are grouped)' }),
    cellDetails: z.array(ProblemCell).optional().openapi({
      description:
        'Each of `cells`, in the same order, with the indicator as the sheet prints it and the year where known (people read 主要指标!H20（城市家庭宽带接入能力，2013年）). Absent in reports kept before it was added',
    }),
    message: Message.openapi({
      description:
        'What the problem says; for a problem grouped by its hint, what it says at its first cell (each cell’s own is in cellDetails)',
    }),
    hint: Message.optional().openapi({
      description: 'How to fill the cells instead: the same for every cell of this problem, so given once',
    }),
  })
  .openapi('ImportProblem');

export const ImportCounts = z.object({
  observations: z.number().int(),
  new: z.number().int(),
  revised: z.number().int(),
  unchanged: z.number().int(),
  targets: z.number().int().openapi({
    description:
      'Target cells, compared with the catalog and never written: observations = new + revised + unchanged + targets',
  }),
  problems: z.number().int(),
});

export const ImportReport = z
  .object({
    importId: z.string(),
    status: z.enum(['dry-run', 'imported', 'duplicate', 'rejected']),
    counts: ImportCounts,
    observations: z.array(Observation).openapi({
      description:
        'The observations in sheet order, at most 10,000 (counts.observations counts them all); each imported one is an event in its series’ history',
    }),
    observationsOmitted: z.number().int().optional().openapi({
      description:
        'Present when the list leaves observations out: how many (a province’s or the country’s sheet)',
    }),
    problems: z.array(ImportProblem),
  })
  .openapi('ImportReport');

const Actor = z.object({ kind: z.string(), id: z.string(), name: z.string() });

export const ImportRecordStatus = z.enum(['imported', 'rejected', 'dry-run']).openapi({
  description:
    'imported: its values were written. rejected: the file failed the check, nothing of it was written (检查未通过). dry-run: checked only, nothing written (试检查). A duplicate upload is no record of its own',
});

export const ImportSummary = z
  .object({
    importId: z.string(),
    regionCode: z.string(),
    planId: z.string().nullable(),
    fileName: z.string(),
    fileSha256: z.string(),
    fileSize: z.number().int(),
    status: ImportRecordStatus,
    actor: Actor.openapi({ description: 'Who uploaded it (or tried)' }),
    importedAt: z.string().openapi({ description: 'When it was uploaded (or tried)' }),
    counts: ImportCounts,
  })
  .openapi('ImportSummary');

export const ImportRecord = ImportSummary.omit({ counts: true })
  .extend({ report: ImportReport })
  .openapi('ImportRecord');

export const ImportPage = z
  .object({ imports: z.array(ImportSummary), nextCursor: z.string().nullable() })
  .openapi('ImportPage');

export const HistoryEntry = z
  .object({
    position: z.number().int(),
    type: z.enum(['ValueReported', 'ValueRevised', 'ValueRetracted']),
    part: z.string().nullable(),
    year: z.number().int(),
    comparator: z.string().nullable(),
    value: z.number().nullable(),
    unit: z.string().nullable(),
    previous: z.object({ comparator: z.string(), value: z.number(), unit: z.string() }).nullable(),
    reason: z.string().nullable(),
    actor: Actor.nullable(),
    causationId: z.string().nullable().openapi({
      description:
        'What led to it: the reopen (period-…#version) a correction of an approved year was made under',
    }),
    occurredAt: z.string().nullable(),
    recordedAt: z.string(),
    importId: z.string().nullable(),
    file: z.string().nullable().openapi({ description: 'The workbook, or the plan document' }),
    cell: z
      .string()
      .nullable()
      .openapi({ description: 'Sheet!A1 of a workbook, or the section of a document' }),
    printed: z.string().nullable(),
    source: z.record(z.string(), z.unknown()),
    implausible: z
      .object({ confirmed: z.literal(true), rule: ImplausibleRule, expected: z.string() })
      .nullable()
      .openapi({
        description:
          'Set when the value was flagged implausible and its uploader confirmed it (已确认的异常值): the rule and what was expected',
      }),
  })
  .openapi('HistoryEntry');

export const SeriesHistory = z
  .object({
    region: z.object({ code: z.string(), name: z.string() }),
    indicator: z.object({ code: z.string(), name: z.string(), unit: z.string() }),
    entries: z.array(HistoryEntry),
  })
  .openapi('SeriesHistory');
