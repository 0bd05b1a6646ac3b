import type { SeedCatalog, SeedDocument, SeedIndicator } from '../domain/catalog/seed-files.ts';
import type { DraftValue, PlanDraft } from '../domain/plan-table/draft.ts';

/**
 * The seed catalog with the plans administrators uploaded, in the seeds' shape, so that what is made from the
 * catalog for a seeded plan (its Excel template) is made the same way for an uploaded one. Each published table is
 * a document, in upload order; its statements carry a section that reads like the seeds' appendix citations
 * (附件 <table> <category> <row> <column>), so the template keeps the table's categories and printed names.
 */
export function withUploadedPlans(seeds: SeedCatalog, drafts: readonly PlanDraft[]): SeedCatalog {
  const regions = [...seeds.regions];
  const indicators: SeedIndicator[] = [...seeds.indicators];
  const known = new Set(indicators.map((indicator) => indicator.code));
  const documents: SeedDocument[] = [...seeds.documents];
  drafts.forEach((draft, index) => {
    const document = `upload-${String(index + 1).padStart(4, '0')}`;
    if (!draft.region.known && !regions.some((region) => region.code === draft.region.code)) {
      const { known: _, ...region } = draft.region;
      regions.push({ ...region, level: region.level });
    }
    const section = (category: string, name: string, column: string) =>
      ['附件', compact(draft.plan.title) || draft.plan.planId, compact(category), compact(name), column].join(
        ' ',
      );
    for (const { indicator, cite } of draft.rows) {
      if (known.has(indicator.code)) continue;
      known.add(indicator.code);
      indicators.push({
        code: indicator.code,
        name: indicator.name,
        aliases: indicator.printedName === indicator.name ? [] : [indicator.printedName],
        category: indicator.category,
        unit: indicator.unit,
        kind: indicator.kind.value,
        direction: indicator.direction.value,
        growth: indicator.growth.value,
        parts: indicator.parts,
        document,
        section: `${cite.sheet}!${cite.cell}`,
      });
    }
    const statement = (row: PlanDraft['rows'][number], value: DraftValue, column: string) => ({
      regionCode: value.regionCode,
      indicatorCode: row.indicator.code,
      part: value.part,
      year: value.year,
      comparator: value.comparator,
      value: value.value,
      ...(value.upper === undefined ? {} : { upper: value.upper }),
      unit: value.unit,
      section: section(row.indicator.category, row.indicator.printedName, column),
      printed: value.cite.printed,
    });
    documents.push({
      document,
      title: draft.plan.title,
      issuer: draft.plan.issuer,
      // Upload order is the order of statement: a revision comes after the table it revises.
      issuedOn: laterOf(draft.plan.issuedOn, documents.at(-1)?.issuedOn),
      plans: draft.plan.revises
        ? []
        : [
            {
              planId: draft.plan.planId,
              regionCode: draft.plan.regionCode,
              title: draft.plan.title,
              issuer: draft.plan.issuer,
              issuedOn: draft.plan.issuedOn,
              period: draft.plan.period,
              section: '附件',
            },
          ],
      targets: draft.rows.flatMap((row) =>
        row.targets.map((target) => ({
          ...statement(row, target, `${target.year}年预期目标`),
          planId: target.planId,
          tier: target.tier,
          basis: target.basis,
        })),
      ),
      actuals: draft.rows.flatMap((row) =>
        row.baselines.map((baseline) => statement(row, baseline, `${baseline.year}年实现情况`)),
      ),
    });
  });
  return { regions, indicators, documents };
}

const compact = (text: string) => text.replace(/\s+/gu, '');

const laterOf = (date: string, earlier: string | undefined) =>
  earlier !== undefined && earlier > date ? earlier : date;
