import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { type OpenDatabase, openPglite, openPostgres } from '../../src/database/connect.ts';
import { migrateToLatest } from '../../src/database/migrate.ts';

/** Which engine the suite runs on: PGlite unless TEST_DATABASE_URL names a PostgreSQL server. */
export const testEngine: 'pglite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database of its own: in-memory PGlite, or a new database on the TEST_DATABASE_URL server
 * (dropped again on close).
 */
export async function openTestDatabase(
  options: { migrate?: boolean } = {},
): Promise<OpenDatabase & { url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let database: OpenDatabase & { url?: string };
  if (!serverUrl) {
    const template = await readFile(inject('pgliteTemplate'));
    database = await openPglite(undefined, { loadDataDir: new Blob([template]) });
  } else {
    const name = `pm_test_${randomBytes(6).toString('hex')}`;
    await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const server = openPostgres(url.toString(), { max: 25 });
    database = {
      ...server,
      url: url.toString(),
      async close() {
        await server.close();
        await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  }
  if (options.migrate !== false) await migrateToLatest(database.db);
  return database;
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
