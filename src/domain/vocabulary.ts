import { z } from 'zod';

/** GB/T 2260 administrative division code: six digits (320700 连云港市). */
export const RegionCode = z.string().regex(/^\d{6}$/, 'a six-digit GB/T 2260 code');
export type RegionCode = z.infer<typeof RegionCode>;

export const RegionLevel = z.enum(['province', 'city', 'county']);
export type RegionLevel = z.infer<typeof RegionLevel>;

/** Stable code of an indicator shared across plans (e.g. broadband-penetration). */
export const IndicatorCode = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case kebab-case code');
export type IndicatorCode = z.infer<typeof IndicatorCode>;

export const PlanId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case kebab-case id');
export type PlanId = z.infer<typeof PlanId>;

const isoDateTime = z.iso.datetime({ offset: true });
/**
 * An ISO 8601 time with Z or an offset (2014-04-01T00:00:00+08:00), as given in a request. It carries the
 * pattern zod checks as metadata so that the OpenAPI document states it: a date-time format alone also allows
 * +0800, a lower-case t or a space, which this refuses.
 */
export const OffsetDateTime = isoDateTime.meta({
  pattern: (z.toJSONSchema(isoDateTime) as { pattern: string }).pattern,
});

/**
 * How a value relates to the number printed: a bare actual is eq; ＞0.71 is gt; ≈100 is approx.
 * A bare target becomes gte or lte by the indicator's direction (see value-semantics).
 */
/** `between`: a range (3到5个), from `value` to `upper`, both included. */
export const Comparator = z.enum(['eq', 'gt', 'gte', 'lt', 'lte', 'approx', 'between']);
export type Comparator = z.infer<typeof Comparator>;

/** What the indicator measures: a share (%), a count, a money amount, or a composite index. */
export const IndicatorKind = z.enum(['ratio', 'count', 'amount', 'index']);
export type IndicatorKind = z.infer<typeof IndicatorKind>;

/** Which way is progress. */
export const Direction = z.enum(['increase', 'decrease']);
export type Direction = z.infer<typeof Direction>;

/** How the required path from baseline to target is drawn: straight for shares, compound for amounts. */
export const GrowthModel = z.enum(['linear', 'compound']);
export type GrowthModel = z.infer<typeof GrowthModel>;

/** A target on the level reached, or on the average annual growth rate (年均增长11.5%以上). */
export const TargetBasis = z.enum(['level', 'annual_growth']);
export type TargetBasis = z.infer<typeof TargetBasis>;

/**
 * Report years a value can have: a plan's base year through its period, for the 12th plan (2010 baseline) and
 * every later one a bureau adds (13th 2016–2020 … 15th 2026–2030 and after).
 */
export const Year = z.number().int().min(2000).max(2100);

/**
 * A part of a compound indicator (示范/试点; 城市/乡镇/农村) or null for the indicator as a whole.
 * Codes are ascii; the Chinese label travels with the indicator's definition.
 */
export const PartCode = z
  .string()
  .regex(/^[a-z0-9-]+$/)
  .nullable();
/** A government tier of a tiered target (省级>90，市级>80，县级>70), or null. */
export const Tier = z.enum(['province', 'city', 'county']).nullable();
export type Tier = z.infer<typeof Tier>;

/** Where a fact came from: a section of a plan document, or a cell of an uploaded workbook. */
export const Source = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('document'),
    /** File name under shared/plan-documents (e.g. 000_7f32ec414e3c4464.txt). */
    document: z.string().min(1),
    /** The document's title (连云港市“十二五”信息化发展规划), so a reader never sees only the file name. */
    title: z.string().min(1).optional(),
    /** Section, table and row, as a person finds it: 附件1 信息化发展水平总指数. */
    section: z.string().min(1),
    /** The text as printed, when it differs from the normalised value (＞0.71, 4900万). */
    printed: z.string().optional(),
    /** The row label the plan prints for this fact (省两化融合示范（试验）区（个）), when it is a table row. */
    printedName: z.string().min(1).optional(),
    note: z.string().optional(),
    /**
     * The value as this place states it, when it words the target with another bound than its current value
     * (the prose's 超过20亿元 beside the table's 达20亿元): the target keeps its value, the reader sees both.
     */
    stated: z
      .object({
        comparator: Comparator,
        value: z.number().finite(),
        upper: z.number().finite().optional(),
        unit: z.string(),
      })
      .optional(),
  }),
  z.object({
    kind: z.literal('workbook'),
    /** The import (or plan upload) that read the cell: its record holds the file, its hash and who uploaded it. */
    importId: z.string().min(1),
    /**
     * The file and its hash, on a plan upload's facts and on values imported before the import record alone said
     * them: an import's 420,000 values no longer repeat what its record states once.
     */
    file: z.string().min(1).optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    sheet: z.string(),
    cell: z.string(),
    printed: z.string().optional(),
  }),
  z.object({ kind: z.literal('api'), requestId: z.string().optional(), note: z.string().optional() }),
]);
export type Source = z.infer<typeof Source>;

/**
 * Who caused an event: a signed-in person (user: their id and name), a token (its id and name, never its
 * secret), the seed, or the system itself.
 */
export const Actor = z.object({
  kind: z.enum(['token', 'admin', 'seed', 'system', 'cli', 'user']),
  id: z.string(),
  name: z.string(),
});
export type Actor = z.infer<typeof Actor>;

/**
 * A value the plausibility rules flagged (src/domain/plausibility) that the uploader confirmed: which rule, what
 * was expected instead (“340.2？”, “20–100”). Absent on every other event, and on every event recorded before it.
 */
export const ImplausibleConfirmed = z.object({
  confirmed: z.literal(true),
  rule: z.enum(['unit_slip', 'share_as_fraction', 'past_target', 'jump']),
  expected: z.string(),
});
export type ImplausibleConfirmed = z.infer<typeof ImplausibleConfirmed>;

/** Recorded with every event. Time enters the domain here, never from a clock. */
export const EventMetadata = z.object({
  actor: Actor,
  occurredAt: z.iso.datetime({ offset: true }),
  importId: z.string().optional(),
  fileSha256: z.string().optional(),
  /** sheet!cell of the value, on workbook events recorded before the source alone said it. */
  cell: z.string().optional(),
  causationId: z.string().optional(),
  correlationId: z.string().optional(),
  /** Set when the value was implausible and its uploader confirmed it. */
  implausible: ImplausibleConfirmed.optional(),
});
export type EventMetadata = z.infer<typeof EventMetadata>;
