import { createApp } from './http/app.ts';
import { appConfigFromEnv } from './http/config-from-env.ts';
import type { AppDeps } from './http/deps.ts';
import { catchUpAll } from './projections/catch-up.ts';
import { projections } from './projections/index.ts';
import { databasePerRequest } from './runtime/database-per-request.ts';
import { workersAssets, workersDocsScript } from './runtime/workers-assets.ts';
import { variablesOf, type WorkerEnv, workersRuntime } from './runtime/workers-runtime.ts';

// The Cloudflare Workers entry point: the same Hono app as src/server.ts, on PostgreSQL through Hyperdrive.
// The database must be migrated and seeded beforehand (npm run migrate, npm run seed; see the README): a Worker
// does not run DDL on its first request.

const databases = databasePerRequest();

/** What an isolate keeps between requests: the runtime and the app (neither holds a socket). */
function buildIsolate(env: WorkerEnv) {
  const runtime = workersRuntime(env);
  const deps: AppDeps = {
    get db() {
      return databases.current().db;
    },
    config: { ...appConfigFromEnv(variablesOf(env)), maxUploadBytes: runtime.maxUploadBytes },
    catchUp: async () => {
      await catchUpAll(databases.current().db, projections);
    },
    logger: runtime.logger,
  };
  if (env.ASSETS) {
    deps.assets = workersAssets(env.ASSETS);
    deps.docsScript = workersDocsScript(deps.assets);
  }
  return { runtime, app: createApp(deps) };
}

/**
 * Workers encode a body themselves by its Content-Encoding header; a body the app already compressed (the
 * dashboard's hono/compress, which Node needs) would arrive compressed twice. Such a body goes out as it is.
 */
function sentAsEncoded(response: Response): Response {
  if (!response.headers.has('Content-Encoding')) return response;
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    encodeBody: 'manual',
  });
}

let isolate: ReturnType<typeof buildIsolate> | undefined;
// Bindings and variables are fixed for a deployment, so the first request's env serves the isolate's lifetime.
const isolateFor = (env: WorkerEnv) => {
  isolate ??= buildIsolate(env);
  return isolate;
};

export default {
  async fetch(request, env, ctx) {
    const { runtime, app } = isolateFor(env);
    const database = await runtime.openDatabase();
    try {
      return sentAsEncoded(await databases.run(database, async () => app.fetch(request, env, ctx)));
    } finally {
      // After the response is sent: the pool waits for its connections to be released, then closes them.
      ctx.waitUntil(database.close());
    }
  },

  async scheduled(controller, env) {
    // Awaited: the platform records the event as failed when this throws (the run is in job_runs either way).
    await isolateFor(env).runtime.scheduler.onCronTrigger(controller);
  },
} satisfies ExportedHandler<WorkerEnv>;
