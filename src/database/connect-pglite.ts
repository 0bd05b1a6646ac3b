import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { markCopiesFromStdin } from './copy-from.ts';
import { runCopyFromBlob } from './copy-from-pglite.ts';
import { int8AsNumber, type OpenDatabase } from './open-database.ts';
import type { Database } from './schema.ts';

/** Embedded PostgreSQL in this process. `dataDir` undefined means in memory (tests). */
export async function openPglite(
  dataDir?: string,
  options: { loadDataDir?: Blob } = {},
): Promise<OpenDatabase> {
  const client = await PGlite.create(dataDir, {
    parsers: { [pgliteTypes.INT8]: int8AsNumber },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  runCopyFromBlob(client);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  markCopiesFromStdin(db);
  return {
    db,
    engine: 'pglite',
    pglite: client,
    async close() {
      await db.destroy();
      if (!client.closed) await client.close();
    },
  };
}
