import { type Kysely, sql } from 'kysely';
import type { OpenDatabase } from '../../src/database/connect.ts';
import type { Database } from '../../src/database/schema.ts';
import { createApp } from '../../src/http/app.ts';
import type { AppConfig, AppDeps } from '../../src/http/deps.ts';
import { catchUpAll } from '../../src/projections/catch-up.ts';
import { projections } from '../../src/projections/index.ts';
import { prepareDatabase } from '../../src/startup.ts';
import { openTestDatabase } from '../support/database.ts';

export const ADMIN_TOKEN = 'test-admin-token';

export interface HttpFixture {
  database: OpenDatabase;
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  /** Another app on the same database with a different configuration (or clock). */
  appWith(config: Partial<AppConfig>, deps?: Partial<AppDeps>): ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/**
 * Every projection at the last event of the log. One catch-up can stop short on a shared PostgreSQL: readers
 * take only events of transactions older than the oldest still running on the server (src/store/read-after.ts),
 * and the test files running beside this one hold transactions of their own.
 */
export async function catchUpToEnd(db: Kysely<Database>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await catchUpAll(db, projections);
    // The end of the log in log order (transaction id, then position), as the checkpoints count.
    const { rows } = await sql<{ transaction_id: string; position: number }>`
      SELECT transaction_id::text, position FROM events ORDER BY transaction_id DESC, position DESC LIMIT 1`.execute(
      db,
    );
    const end = rows[0];
    if (!end) return;
    const behind = await db
      .selectFrom('projection_checkpoints')
      .select('projection')
      .where(
        sql<boolean>`(transaction_id, position) < (${end.transaction_id}::xid8, ${end.position}::bigint)`,
      )
      .execute();
    if (behind.length === 0) return;
    if (attempt > 500) throw new Error(`projections behind the log: ${behind.map((row) => row.projection)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A seeded, projected database and the app over it, as the server would build it. */
export async function openHttpFixture(config: Partial<AppConfig> = {}): Promise<HttpFixture> {
  const database = await openTestDatabase();
  await prepareDatabase(database.db);
  await catchUpToEnd(database.db);
  const depsWith = (overrides: Partial<AppConfig>, deps: Partial<AppDeps> = {}): AppDeps => ({
    db: database.db,
    config: { adminToken: ADMIN_TOKEN, readAccess: 'public', ...config, ...overrides },
    catchUp: () => catchUpToEnd(database.db),
    ...deps,
  });
  const deps = depsWith({});
  return {
    database,
    deps,
    app: createApp(deps),
    appWith: (overrides, deps) => createApp(depsWith(overrides, deps)),
    close: () => database.close(),
  };
}

/** JSON request options with a bearer token. */
export function jsonRequest(
  method: string,
  body: unknown,
  token?: string,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
  };
}

export const bearer = (token: string): RequestInit => ({ headers: { Authorization: `Bearer ${token}` } });

/** The problem+json body of a response, after checking that it is one. */
export async function problemOf(response: Response): Promise<Record<string, unknown> & { code: string }> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${type}: ${await response.text()}`);
  }
  return (await response.json()) as Record<string, unknown> & { code: string };
}

/** Creates a token through the API as the admin and returns its id and secret. */
export async function issueToken(
  app: ReturnType<typeof createApp>,
  request: { name: string; role: string; regions?: string[]; expiresAt?: string },
): Promise<{ id: string; secret: string }> {
  const response = await app.request('/api/v1/tokens', jsonRequest('POST', request, ADMIN_TOKEN));
  if (response.status !== 201) throw new Error(`token not created: ${await response.text()}`);
  const body = (await response.json()) as { id: string; secret: string };
  return { id: body.id, secret: body.secret };
}
