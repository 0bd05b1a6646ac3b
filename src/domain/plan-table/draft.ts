import type { CatalogCommand, ReportValue } from '../commands.ts';
import type {
  Comparator,
  Direction,
  EventMetadata,
  GrowthModel,
  IndicatorKind,
  RegionLevel,
  Source,
  TargetBasis,
  Tier,
} from '../vocabulary.ts';
import type { Inferred } from './infer.ts';

/**
 * A plan's indicator table as read, before it is published: the plan, its region, and a row per indicator with
 * what was matched, inferred and read, each fact with the cell it came from. Publishing turns it into the same
 * commands the seeds state (RegisterRegion, DefineIndicator, PublishPlan, StateTarget, ReportValue).
 */
export interface PlanDraft {
  plan: {
    planId: string;
    regionCode: string;
    title: string;
    issuer: string;
    issuedOn: string;
    period: { start: number; end: number };
    baseYear: number;
    /** Set when the table is a later one of this published plan: its facts revise the plan's. */
    revises?: string;
  };
  region: { code: string; name: string; level: RegionLevel; parentCode: string | null; known: boolean };
  rows: DraftRow[];
}

/** Where a fact was read: the uploaded sheet's cell and its text as printed. */
export interface Citation {
  sheet: string;
  cell: string;
  printed: string;
}

export type IndicatorMatch =
  /** A shared code of the catalog: by the sheet's 代码 column, or by name (confidence 1: the name, 0.9: an alias). */
  | { kind: 'existing'; via: 'code' | 'name'; confidence: number; matchedName: string }
  /** Not in the catalog: a new indicator with a proposed code (or the 代码 column's). */
  | { kind: 'new'; via: 'code' | 'proposed' };

export interface DraftIndicator {
  code: string;
  name: string;
  /** The row label as the plan prints it. */
  printedName: string;
  category: string;
  unit: string;
  kind: Inferred<IndicatorKind>;
  direction: Inferred<Direction>;
  growth: Inferred<GrowthModel>;
  parts: { code: string; name: string }[];
  match: IndicatorMatch;
}

export interface DraftValue {
  planId: string;
  regionCode: string;
  year: number;
  part: string | null;
  tier: Tier;
  basis: TargetBasis;
  comparator: Comparator;
  value: number;
  /** A range's upper bound (a target cell 3到5: between). */
  upper?: number;
  unit: string;
  cite: Citation;
}

export interface DraftRow {
  /** The cell that names the row. */
  cite: Citation;
  indicator: DraftIndicator;
  baselines: DraftValue[];
  targets: DraftValue[];
}

/** The file every fact of a draft cites. */
export interface UploadedFile {
  uploadId: string;
  fileName: string;
  sha256: string;
}

/** The commands that publish a draft, in the order the seeds state a document: region, indicators, plan, facts. */
export function draftCommands(
  draft: PlanDraft,
  file: UploadedFile,
  metadata: EventMetadata,
): (CatalogCommand | ReportValue)[] {
  const source = (cite: Citation): Source => ({
    kind: 'workbook',
    importId: file.uploadId,
    file: file.fileName,
    sha256: file.sha256,
    sheet: cite.sheet,
    cell: cite.cell,
    printed: cite.printed,
  });
  const commands: (CatalogCommand | ReportValue)[] = [];
  const { region, plan } = draft;
  if (!region.known) {
    const { known: _, ...data } = region;
    commands.push({ type: 'RegisterRegion', data, metadata });
  }
  const defined = new Set<string>();
  for (const { indicator, cite } of draft.rows) {
    if (indicator.match.kind !== 'new' || defined.has(indicator.code)) continue;
    defined.add(indicator.code);
    commands.push({
      type: 'DefineIndicator',
      data: {
        code: indicator.code,
        name: indicator.name,
        aliases: indicator.printedName === indicator.name ? [] : [indicator.printedName],
        category: indicator.category,
        unit: indicator.unit,
        kind: indicator.kind.value,
        direction: indicator.direction.value,
        growth: indicator.growth.value,
        parts: indicator.parts,
        source: source(cite),
      },
      metadata,
    });
  }
  const first = draft.rows[0]?.cite ?? { sheet: '', cell: '', printed: plan.title };
  // A later table of a published plan revises its facts; the plan itself stays as published.
  if (!plan.revises)
    commands.push({
      type: 'PublishPlan',
      data: {
        planId: plan.planId,
        regionCode: plan.regionCode,
        title: plan.title,
        issuer: plan.issuer,
        issuedOn: plan.issuedOn,
        period: plan.period,
        source: source({ ...first, printed: plan.title }),
      },
      metadata,
    });
  for (const row of draft.rows) {
    for (const { cite, ...target } of row.targets) {
      commands.push({
        type: 'StateTarget',
        data: { ...target, indicatorCode: row.indicator.code, source: source(cite) },
        metadata,
      });
    }
  }
  for (const row of draft.rows) {
    for (const { cite, planId: _, tier: _tier, basis: _basis, ...actual } of row.baselines) {
      commands.push({
        type: 'ReportValue',
        data: { ...actual, indicatorCode: row.indicator.code, source: source(cite) },
        metadata,
      });
    }
  }
  return commands;
}
