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
  /** Another app on the same database with a different configuration (or clock). */
  appWith(config: Partial<AppConfig>, deps?: Partial<AppDeps>): ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/** A seeded, projected database and the app over it, as the server would build it. */
export async function openHttpFixture(config: Partial<AppConfig> = {}): Promise<HttpFixture> {
  const database = await openTestDatabase();
  await prepareDatabase(database.db);
  const depsWith = (overrides: Partial<AppConfig>, deps: Partial<AppDeps> = {}): AppDeps => ({
    db: database.db,
    config: { adminToken: ADMIN_TOKEN, readAccess: 'public', ...config, ...overrides },
    catchUp: async () => {
      await catchUpAll(database.db, projections);
    },
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
