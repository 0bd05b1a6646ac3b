import type { Comparator, Direction, IndicatorKind } from '../../../src/domain/vocabulary.ts';
import type { CatalogTarget, ImportCatalog } from '../../../src/imports/import-catalog.ts';
import { IndicatorTable } from '../../../src/imports/indicator-table.ts';
import { TargetTable } from '../../../src/imports/target-table.ts';
import { loadSeedCatalog } from '../../../src/seeding/seed-catalog.ts';

const byIssue = (seeds: ReturnType<typeof loadSeedCatalog>) =>
  [...seeds.documents].sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));

/** The seeds' targets, later documents' targets replacing earlier ones. */
export function seedCatalogTargets(seeds = loadSeedCatalog()): CatalogTarget[] {
  const targets = new Map<string, CatalogTarget>();
  for (const doc of byIssue(seeds)) {
    for (const t of doc.targets) {
      const key = [t.planId, t.regionCode, t.indicatorCode, t.part, t.tier, t.year, t.basis].join('|');
      targets.set(key, { ...t, comparator: t.comparator as Comparator });
    }
  }
  return [...targets.values()];
}

/** The catalog as the importer sees it, straight from the seeds. */
export function seedImportCatalog(): ImportCatalog {
  const seeds = loadSeedCatalog();
  const documents = byIssue(seeds);
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
    targets: TargetTable.of(seedCatalogTargets(seeds), indicators),
  };
}
