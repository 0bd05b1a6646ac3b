import type { OpenDatabase } from '../../src/database/connect.ts';
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
  /** Another app on the same database with a different configuration. */
  appWith(config: Partial<AppConfig>): ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/** A seeded, projected database and the app over it, as the server would build it. */
export async function openHttpFixture(config: Partial<AppConfig> = {}): Promise<HttpFixture> {
  const database = await openTestDatabase();
  await prepareDatabase(database.db);
  const depsWith = (overrides: Partial<AppConfig>): AppDeps => ({
    db: database.db,
    config: { adminToken: ADMIN_TOKEN, readAccess: 'public', ...config, ...overrides },
    catchUp: async () => {
      await catchUpAll(database.db, projections);
    },
  });
  const deps = depsWith({});
  return {
    database,
    deps,
    app: createApp(deps),
    appWith: (overrides) => createApp(depsWith(overrides)),
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
