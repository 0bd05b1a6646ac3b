import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { INT8, int8AsNumber, type OpenDatabase } from './open-database.ts';
import { markPreparesStatements, preparedName } from './prepared-statement.ts';
import type { Database } from './schema.ts';

/** A PostgreSQL server reached with the pg driver. Imports no PGlite, so the Workers bundle can use it. */
export function openPostgres(
  connectionString: string,
  options: { max?: number; extendClient?: (client: pg.PoolClient) => void } = {},
): OpenDatabase {
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
  pool.on('connect', (client) => {
    prepareMarkedStatements(client);
    options.extendClient?.(client);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  markPreparesStatements(db);
  return {
    db,
    engine: 'postgres',
    close: () => db.destroy(),
  };
}

/**
 * Kysely sends every statement as `client.query(text, values)`, unnamed, so the server parses and plans it each
 * time. A statement marked with preparedStatement() goes out named instead: parsed once per connection, its plan
 * cached by the server (Hyperdrive supports named statements too).
 */
function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof config === 'string' ? preparedName(config) : undefined;
    return name ? query({ name, text: config }, values, callback) : query(config, values, callback);
  }) as typeof client.query;
}
