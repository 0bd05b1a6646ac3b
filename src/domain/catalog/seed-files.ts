import { z } from 'zod';
import type { CatalogCommand, ReportValue } from '../commands.ts';
import { IndicatorPart, TargetKey } from '../events.ts';
import { sameStatedValue, statedValueOf } from '../stated-value.ts';
import {
  Comparator,
  Direction,
  type EventMetadata,
  GrowthModel,
  IndicatorCode,
  IndicatorKind,
  PartCode,
  PlanId,
  RegionCode,
  RegionLevel,
  Year,
} from '../vocabulary.ts';

/**
 * The plan catalog as data (seeds/): regions, indicators and, per plan document, the plans it publishes, the
 * targets it states and the actual values (baselines) it reports, each with the section it is cited from.
 */

export const SeedRegion = z.object({
  code: RegionCode,
  name: z.string().min(1),
  level: RegionLevel,
  parentCode: RegionCode.nullable(),
});

const Citation = {
  /** Section, table and row where a person finds the fact in the document. */
  section: z.string().min(1),
  /** The text exactly as the document prints it (＞0.71, 4900万, 年均增长11.5%以上). */
  printed: z.string().min(1),
  note: z.string().optional(),
};

export const SeedIndicator = z.object({
  code: IndicatorCode,
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  category: z.string().min(1),
  /** The unit values are normally stated in (%, 亿元, 万户, 张 …). */
  unit: z.string(),
  kind: IndicatorKind,
  direction: Direction,
  growth: GrowthModel,
  parts: z.array(IndicatorPart),
  /** The document and section that first defines the indicator. */
  document: z.string().min(1),
  section: z.string().min(1),
});

export const SeedPlan = z.object({
  planId: PlanId,
  regionCode: RegionCode,
  title: z.string().min(1),
  issuer: z.string().min(1),
  issuedOn: z.iso.date(),
  period: z.object({ start: Year, end: Year }),
  section: z.string().min(1),
});

/**
 * Another place that states the same target (the prose restating a table row). With the same value it is one
 * more citation; with its own wording of the bound (`comparator`, `value`, `upper`, `unit`: the prose's 超过20
 * beside the table's 达20) it is a citation too, carrying that value as `stated`: the target keeps the value of
 * its first statement, so a reader sees both and nothing is silently changed.
 */
export const SeedCitation = z.object({
  ...Citation,
  comparator: Comparator.optional(),
  value: z.number().finite().optional(),
  upper: z.number().finite().optional(),
  unit: z.string().optional(),
});

export const SeedTarget = z.object({
  ...TargetKey,
  comparator: Comparator,
  /** The number; for a range (between, 3到5个) its lower bound. */
  value: z.number().finite(),
  /** A range's upper bound (comparator between); absent otherwise. The decider refuses any other pairing. */
  upper: z.number().finite().optional(),
  unit: z.string(),
  ...Citation,
  /** The row label the plan prints, when the target is a table row. */
  printedName: z.string().min(1).optional(),
  /** Every other place of this document stating the same value: each becomes a citation of the target. */
  restated: z.array(SeedCitation).optional(),
});

/**
 * A figure of this document stated again on a later day, to correct what an earlier version of the seed recorded
 * (a revision by a figure that measures something else). On a log that already holds this document's figure as
 * current it appends nothing; on a log where the wrong revision replaced it, it revises the target back.
 */
export const SeedCorrection = SeedTarget.omit({ restated: true }).extend({
  statedOn: z.iso.date(),
  reason: z.string().min(1),
});

/**
 * A target an earlier version of the seed recorded and no document states any more (a figure that measures
 * something else, now its own indicator's target): withdrawn on a log that holds it, nothing on a fresh one.
 * The citation is the place that states the figure as what it really is.
 */
export const SeedWithdrawal = z.object({
  ...TargetKey,
  section: z.string().min(1),
  printed: z.string().min(1),
  statedOn: z.iso.date(),
  reason: z.string().min(1),
});

export const SeedActual = z.object({
  regionCode: RegionCode,
  indicatorCode: IndicatorCode,
  part: PartCode,
  year: Year,
  comparator: Comparator,
  value: z.number().finite(),
  unit: z.string(),
  ...Citation,
});

export const SeedDocument = z.object({
  /** File name under shared/plan-documents. */
  document: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/),
  title: z.string().min(1),
  issuer: z.string().min(1),
  issuedOn: z.iso.date(),
  plans: z.array(SeedPlan),
  targets: z.array(SeedTarget),
  actuals: z.array(SeedActual),
  corrections: z.array(SeedCorrection).optional(),
  withdrawals: z.array(SeedWithdrawal).optional(),
});

export type SeedRegion = z.infer<typeof SeedRegion>;
export type SeedIndicator = z.infer<typeof SeedIndicator>;
export type SeedDocument = z.infer<typeof SeedDocument>;

export interface SeedCatalog {
  regions: SeedRegion[];
  indicators: SeedIndicator[];
  documents: SeedDocument[];
}

/**
 * The commands that state the catalog, in the order the facts became known: regions and indicators first, then
 * each document by its issue date, so that a later document's different target is a revision of an earlier one.
 */
export function catalogCommands(
  catalog: SeedCatalog,
  actor: EventMetadata['actor'],
): (CatalogCommand | ReportValue)[] {
  const at = (date: string): EventMetadata => ({ actor, occurredAt: `${date}T00:00:00+08:00` });
  const firstIssued = [...catalog.documents].sort((a, b) => a.issuedOn.localeCompare(b.issuedOn))[0]
    ?.issuedOn;
  const definitionTime = at(firstIssued ?? '2011-01-01');
  const commands: (CatalogCommand | ReportValue)[] = [];
  for (const region of catalog.regions) {
    commands.push({ type: 'RegisterRegion', data: region, metadata: definitionTime });
  }
  for (const { document, section, ...indicator } of catalog.indicators) {
    commands.push({
      type: 'DefineIndicator',
      data: { ...indicator, source: { kind: 'document', document, section } },
      metadata: definitionTime,
    });
  }
  const byIssue = [...catalog.documents].sort(
    (a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.document.localeCompare(b.document),
  );
  for (const doc of byIssue) {
    const metadata = at(doc.issuedOn);
    const source = (c: Cited) => citationOf(doc, c);
    for (const { section, ...plan } of doc.plans) {
      commands.push({
        type: 'PublishPlan',
        data: { ...plan, source: { kind: 'document', document: doc.document, section } },
        metadata,
      });
    }
    for (const { section, printed, note, printedName, restated = [], ...target } of doc.targets) {
      commands.push({
        type: 'StateTarget',
        data: { ...target, source: source({ section, printed, note, printedName }) },
        metadata,
      });
      for (const { comparator, value, upper, unit, ...citation } of restated) {
        const own = {
          comparator: comparator ?? target.comparator,
          value: value ?? target.value,
          unit: unit ?? target.unit,
        };
        const stated = { ...own, ...(upper === undefined ? {} : { upper }) };
        const differs = !sameStatedValue(statedValueOf(target), stated);
        const cited = { ...source(citation), ...(differs ? { stated } : {}) };
        commands.push({ type: 'StateTarget', data: { ...target, source: cited }, metadata });
      }
    }
    for (const { section, printed, note, ...actual } of doc.actuals) {
      commands.push({
        type: 'ReportValue',
        data: { ...actual, source: source({ section, printed, note }) },
        metadata,
      });
    }
  }
  // Corrections and withdrawals last, in the order they were made: each is newer than every document.
  const later = byIssue
    .flatMap((doc) => [
      ...(doc.corrections ?? []).map((correction) => ({ doc, statedOn: correction.statedOn, correction })),
      ...(doc.withdrawals ?? []).map((withdrawal) => ({ doc, statedOn: withdrawal.statedOn, withdrawal })),
    ])
    .sort((a, b) => a.statedOn.localeCompare(b.statedOn));
  for (const entry of later) {
    if ('correction' in entry) {
      const { section, printed, printedName, reason, statedOn, note: _, ...target } = entry.correction;
      commands.push({
        type: 'StateTarget',
        data: { ...target, source: citationOf(entry.doc, { section, printed, printedName, note: reason }) },
        metadata: at(statedOn),
      });
    } else {
      const { section, printed, reason, statedOn, ...key } = entry.withdrawal;
      commands.push({
        type: 'WithdrawTarget',
        data: { ...key, reason, source: citationOf(entry.doc, { section, printed, note: reason }) },
        metadata: at(statedOn),
      });
    }
  }
  return commands;
}

interface Cited {
  section: string;
  printed: string;
  note?: string | undefined;
  printedName?: string | undefined;
}

/** A fact's citation: the document (file and title), where in it, and the text as printed. */
const citationOf = (doc: SeedDocument, c: Cited) => ({
  kind: 'document' as const,
  document: doc.document,
  title: doc.title,
  section: c.section,
  printed: c.printed,
  ...(c.printedName ? { printedName: c.printedName } : {}),
  ...(c.note ? { note: c.note } : {}),
});
