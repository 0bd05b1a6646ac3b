import { serve } from '@hono/node-server';
import { createApp } from './http/app.ts';
import { appConfigFromEnv } from './http/config-from-env.ts';
import { scalarScriptLoader } from './http/scalar-script.ts';
import { nodeAssets } from './http/static/node-assets.ts';
import { catchUpAll } from './projections/catch-up.ts';
import { projections } from './projections/index.ts';
import { nodeRuntime } from './runtime/node-runtime.ts';
import { prepareDatabase } from './startup.ts';

// The Node entry point: reads the environment, opens the database, hands the app what it needs.
const env = process.env;
const runtime = nodeRuntime(env);
const logger = runtime.logger;
const port = Number(env.PORT ?? 8787);
// How long requests in flight may take to finish after SIGTERM before their connections are cut.
const shutdownGraceMs = Number(env.SHUTDOWN_GRACE_MS || 25_000);
const config = { ...appConfigFromEnv(env), maxUploadBytes: runtime.maxUploadBytes };
const database = await runtime.openDatabase();
const { seeded, projected } = await prepareDatabase(database.db);
logger.info({ engine: database.engine, seededEvents: seeded, projectedEvents: projected }, 'database ready');

// The nightly trend recalculation (RECALC_CRON, default 02:00; RECALC_TZ; RECALC_CRON=off: none) on node-cron.
// Workers run the same job from a Cron Trigger (src/runtime).
const scheduler = await runtime.scheduler.start(database.db);

let draining = false;
const app = createApp({
  db: database.db,
  config,
  catchUp: async () => {
    await catchUpAll(database.db, projections);
  },
  logger,
  draining: () => draining,
  docsScript: scalarScriptLoader(),
  assets: nodeAssets(),
});
// While draining, each response closes its connection, so a keep-alive client does not hold the shutdown open.
const fetch = async (request: Request, ...rest: unknown[]): Promise<Response> => {
  const response = await app.fetch(request, ...(rest as []));
  if (draining) {
    try {
      response.headers.set('Connection', 'close');
    } catch {
      // An immutable response: the grace period closes its connection instead.
    }
  }
  return response;
};
const server = serve({ fetch, port }, (info) => {
  logger.info({ url: `http://localhost:${info.port}`, port: info.port }, 'listening');
});

const shutdown = (signal: NodeJS.Signals) => {
  if (draining) return;
  draining = true;
  logger.info(
    { signal, graceMs: shutdownGraceMs },
    'shutting down: no new connections, finishing requests in flight',
  );
  const force = setTimeout(() => {
    logger.warn('requests still running after the grace period: closing their connections');
    if ('closeAllConnections' in server) server.closeAllConnections();
  }, shutdownGraceMs);
  force.unref();
  // Finish the requests in flight, then close the database.
  server.close(async () => {
    clearTimeout(force);
    await scheduler.stop();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  });
  // Keep-alive connections with no request in flight would otherwise hold the close open.
  if ('closeIdleConnections' in server) server.closeIdleConnections();
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
