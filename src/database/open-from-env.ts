import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type OpenDatabase, openPglite, openPostgres } from './connect.ts';

/** DATABASE_URL → that PostgreSQL server; otherwise the embedded database under DATA_DIR (default ./data). */
export async function openDatabaseFromEnv(env: Record<string, string | undefined>): Promise<OpenDatabase> {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  const dataDir = resolve(env.DATA_DIR || './data', 'pglite');
  await mkdir(dataDir, { recursive: true });
  return openPglite(dataDir);
}
