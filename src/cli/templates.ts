import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSeedCatalog } from '../seeding/seed-catalog.ts';
import { planIds, templateFile } from '../templates/generate-templates.ts';
import { languageOfProcess, SENTENCES } from './language.ts';

// npm run templates [-- --out DIR]: one Excel template per plan, from the seed catalog (no database needed).
const { lang, argv } = languageOfProcess();
const outIndex = argv.indexOf('--out');
const out = outIndex >= 0 ? (argv[outIndex + 1] ?? 'templates') : 'templates';
const catalog = loadSeedCatalog();
await mkdir(out, { recursive: true });
for (const planId of planIds(catalog)) {
  const path = join(out, `${planId}.xlsx`);
  const file = await templateFile(catalog, planId);
  await writeFile(path, file);
  console.log(SENTENCES.templateWritten(path, file.length)[lang]);
}
