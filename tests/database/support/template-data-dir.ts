import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openPglite } from '../../../src/database/connect.ts';

/**
 * Fills `DATA_DIR/pglite` from the suite's migrated template: a process that opens the directory afterwards skips
 * initdb and the migrations, which cost seconds. The PostgreSQL run makes no template: the directory stays empty.
 */
export async function templateDataDir(dataDir: string): Promise<void> {
  const path = inject('pgliteTemplate');
  if (!path) return;
  const template = new Blob([await readFile(path)]);
  await mkdir(dataDir, { recursive: true });
  const database = await openPglite(join(dataDir, 'pglite'), { loadDataDir: template });
  await database.close();
}
