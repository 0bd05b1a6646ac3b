import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { INT8, int8AsNumber, type OpenDatabase } from './open-database.ts';
import type { Database } from './schema.ts';

/** A PostgreSQL server reached with the pg driver. Imports no PGlite, so the Workers bundle can use it. */
export function openPostgres(connectionString: string, options: { max?: number } = {}): OpenDatabase {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    // Per-pool parsers: never change pg's process-wide defaults.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? int8AsNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server closes (restart, failover, idle timeout) is an 'error' event on the pool;
  // without a listener it would crash the process. The pool replaces the connection on the next checkout.
  pool.on('error', (error) => {
    console.warn(JSON.stringify({ msg: 'idle database connection lost', error: error.message }));
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    close: () => db.destroy(),
  };
}
