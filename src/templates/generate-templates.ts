import type { SeedCatalog } from '../domain/catalog/seed-files.ts';
import { writeWorkbook } from '../imports/write-workbook.ts';
import { templateLayout } from './template-layout.ts';
import { templateWorkbook } from './template-workbook.ts';

/** Every plan of the catalog, by id. */
export const planIds = (catalog: SeedCatalog) =>
  [...new Set(catalog.documents.flatMap((doc) => doc.plans.map((plan) => plan.planId)))].sort();

/** One plan's template file. */
export const templateFile = (catalog: SeedCatalog, planId: string): Promise<Buffer> =>
  writeWorkbook(templateWorkbook(templateLayout(catalog, planId)));
