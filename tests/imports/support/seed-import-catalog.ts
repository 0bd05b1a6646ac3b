import type { Comparator, Direction, IndicatorKind } from '../../../src/domain/vocabulary.ts';
import type { CatalogTarget, ImportCatalog } from '../../../src/imports/import-catalog.ts';
import { IndicatorTable } from '../../../src/imports/indicator-table.ts';
import { TargetTable } from '../../../src/imports/target-table.ts';
import { loadSeedCatalog } from '../../../src/seeding/seed-catalog.ts';

/** The catalog as the importer sees it, straight from the seeds (later documents' targets replacing earlier ones). */
export function seedImportCatalog(): ImportCatalog {
  const seeds = loadSeedCatalog();
  const documents = [...seeds.documents].sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));
  const targets = new Map<string, CatalogTarget>();
  for (const doc of documents) {
    for (const t of doc.targets) {
      const key = [t.planId, t.regionCode, t.indicatorCode, t.part, t.tier, t.year, t.basis].join('|');
      targets.set(key, { ...t, comparator: t.comparator as Comparator });
    }
  }
  const indicators = IndicatorTable.of(
    seeds.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      unit: i.unit,
      kind: i.kind as IndicatorKind,
      direction: i.direction as Direction,
      parts: i.parts,
      aliases: i.aliases,
    })),
  );
  return {
    regions: new Map(seeds.regions.map((r) => [r.code, r])),
    plans: new Map(
      documents.flatMap((doc) =>
        doc.plans.map(
          (p) => [p.planId, { planId: p.planId, regionCode: p.regionCode, period: p.period }] as const,
        ),
      ),
    ),
    indicators,
    targets: TargetTable.of(targets.values(), indicators),
  };
}
