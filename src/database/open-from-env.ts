import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type OpenDatabase, openPglite, openPostgres } from './connect.ts';
import { acquireDataDirLock, type DataDirLock, type LockLog, type LockOwner } from './data-dir-lock.ts';

/** An opened database; for the embedded one, its data directory and the lock this process holds on it. */
export interface EnvDatabase extends OpenDatabase {
  dataDir?: string;
  lock?: DataDirLock;
}

/** The embedded database's directory (DATA_DIR, default ./data), or undefined with DATABASE_URL. */
export function dataDirFromEnv(env: Record<string, string | undefined>): string | undefined {
  return env.DATABASE_URL ? undefined : resolve(env.DATA_DIR || './data');
}

/**
 * DATABASE_URL → that PostgreSQL server (it arbitrates between processes: no lock); otherwise the embedded
 * database under DATA_DIR (default ./data), owned by this process until close (src/database/data-dir-lock.ts):
 * throws DataDirLocked when another live process owns it.
 */
export async function openDatabaseFromEnv(
  env: Record<string, string | undefined>,
  who: { role: LockOwner['role']; command: string; log?: LockLog },
): Promise<EnvDatabase> {
  const dataDir = dataDirFromEnv(env);
  if (!dataDir) return openPostgres(env.DATABASE_URL ?? '');
  await mkdir(dataDir, { recursive: true });
  const lock = await acquireDataDirLock(dataDir, who, { log: who.log });
  let database: OpenDatabase;
  try {
    database = await openPglite(join(dataDir, 'pglite'));
  } catch (error) {
    await lock.release();
    throw error;
  }
  return {
    ...database,
    dataDir,
    lock,
    async close() {
      try {
        await database.close();
      } finally {
        await lock.release();
      }
    },
  };
}
