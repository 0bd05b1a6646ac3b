// Both engines in one place for Node code. The Workers entry imports connect-postgres.ts alone: no PGlite there,
// and no COPY (pg-copy-streams needs Node's streams).
import { openPostgres as openPostgresServer } from './connect-postgres.ts';
import { markCopiesFromStdin } from './copy-from.ts';
import { runCopyFromStdin } from './copy-from-pg.ts';
import type { OpenDatabase } from './open-database.ts';

export { openPglite } from './connect-pglite.ts';
export type { OpenDatabase } from './open-database.ts';

/** A PostgreSQL server, with COPY FROM STDIN for bulk appends. */
export function openPostgres(connectionString: string, options: { max?: number } = {}): OpenDatabase {
  const open = openPostgresServer(connectionString, { ...options, extendClient: runCopyFromStdin });
  markCopiesFromStdin(open.db);
  return open;
}
