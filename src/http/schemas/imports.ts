import { z } from '@hono/zod-openapi';
import { RegionParam } from './params.ts';

const Message = z.object({ zh: z.string(), en: z.string() });

export const ImportUpload = z
  .object({
    file: z
      .custom<File>((value) => value instanceof File, {
        message: 'a file is required (multipart field "file")',
      })
      .openapi({ type: 'string', format: 'binary', description: 'The workbook (.xlsx)' }),
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
    comparator: z.enum(['eq', 'gt', 'gte', 'lt', 'lte', 'approx']),
    value: z.number(),
    cell: z.string().openapi({ example: '附件1!C5' }),
  })
  .openapi('Observation');

export const ImportProblem = z
  .object({
    code: z.string().openapi({ example: 'date_not_a_value' }),
    severity: z.enum(['error', 'warning']),
    cell: z
      .string()
      .optional()
      .openapi({ description: 'The first cell (Sheet!A1); absent for the whole file' }),
    cells: z.array(z.string()).openapi({ description: 'Every cell with this problem (repeats are grouped)' }),
    message: Message,
  })
  .openapi('ImportProblem');

export const ImportCounts = z.object({
  observations: z.number().int(),
  new: z.number().int(),
  revised: z.number().int(),
  unchanged: z.number().int(),
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

export const ImportSummary = z
  .object({
    importId: z.string(),
    regionCode: z.string(),
    planId: z.string().nullable(),
    fileName: z.string(),
    fileSha256: z.string(),
    fileSize: z.number().int(),
    status: z.string(),
    actor: Actor,
    importedAt: z.string(),
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
  })
  .openapi('HistoryEntry');

export const SeriesHistory = z
  .object({
    region: z.object({ code: z.string(), name: z.string() }),
    indicator: z.object({ code: z.string(), name: z.string(), unit: z.string() }),
    entries: z.array(HistoryEntry),
  })
  .openapi('SeriesHistory');
