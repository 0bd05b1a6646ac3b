import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../src/database/connect.ts';
import { migrateToLatest } from '../../src/database/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Creating a PGlite database costs seconds (initdb); loading a dumped one costs far less. Build one migrated
 * database per run and let every test load a copy of it.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) return;
  const template = await openPglite();
  await migrateToLatest(template.db);
  if (!template.pglite) throw new Error('expected an embedded database');
  const dump = await template.pglite.dumpDataDir('none');
  const path = join(tmpdir(), `plan-monitor-template-${process.pid}.tar`);
  await writeFile(path, Buffer.from(await dump.arrayBuffer()));
  await template.close();
  project.provide('pgliteTemplate', path);
  return () => rm(path, { force: true });
}
