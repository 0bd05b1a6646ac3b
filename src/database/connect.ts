import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.ts';

export interface OpenDatabase {
  db: Kysely<Database>;
  /** 'pglite' (embedded, one connection) or 'postgres' (a server, a pool). */
  engine: 'pglite' | 'postgres';
  /** The embedded database itself, when it is one (to dump or inspect it). */
  pglite?: PGlite;
  close(): Promise<void>;
}

const INT8 = 20;
// count(*) and bigint columns: PGlite gives numbers (BigInt past 2^53), pg gives strings. Positions and counts
// stay far below 2^53, so both become plain numbers here and nowhere else.
const toNumber = (value: string) => Number(value);

/** Embedded PostgreSQL in this process. `dataDir` undefined means in memory (tests). */
export async function openPglite(
  dataDir?: string,
  options: { loadDataDir?: Blob } = {},
): Promise<OpenDatabase> {
  const client = await PGlite.create(dataDir, {
    parsers: { [pgliteTypes.INT8]: toNumber },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
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

/** A PostgreSQL server reached with the pg driver. */
export function openPostgres(connectionString: string, options: { max?: number } = {}): OpenDatabase {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    // Per-pool parsers: never change pg's process-wide defaults.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? toNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    close: () => db.destroy(),
  };
}
