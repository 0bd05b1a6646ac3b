// Both engines in one place for Node code. The Workers entry imports connect-postgres.ts alone: no PGlite there.
export { openPglite } from './connect-pglite.ts';
export { openPostgres } from './connect-postgres.ts';
export type { OpenDatabase } from './open-database.ts';
