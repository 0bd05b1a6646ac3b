import { serve } from '@hono/node-server';
import { DataDirLocked } from './database/data-dir-lock.ts';
import type { EnvDatabase } from './database/open-from-env.ts';
import { ownerRefusal } from './database/owner-refusal.ts';
import { createApp } from './http/app.ts';
import { appConfigFromEnv } from './http/config-from-env.ts';
import { scalarScriptLoader } from './http/scalar-script.ts';
import { nodeAssets } from './http/static/node-assets.ts';
import { catchUpAll } from './projections/catch-up.ts';
import { projections } from './projections/index.ts';
import { removeLocalCredential, writeLocalCredential } from './runtime/local-credential.ts';
import { nodeRuntime } from './runtime/node-runtime.ts';
import { prepareDatabase } from './startup.ts';

// The Node entry point: reads the environment, opens the database, hands the app what it needs.
const env = process.env;
const runtime = nodeRuntime(env);
const logger = runtime.logger;
const port = Number(env.PORT ?? 8787);
// How long requests in flight may take to finish after SIGTERM before their connections are cut.
const shutdownGraceMs = Number(env.SHUTDOWN_GRACE_MS || 25_000);
let database: EnvDatabase;
try {
  // The embedded database is this process's alone until it stops (a lock file in DATA_DIR).
  database = await runtime.openDatabase();
} catch (error) {
  if (!(error instanceof DataDirLocked)) throw error;
  const advice = {
    zh: '本服务未启动：请先停止该进程，或为本服务另设 DATA_DIR',
    en: 'this service did not start; stop that process first, or give this service another DATA_DIR',
  };
  logger.fatal({ owner: error.owner }, ownerRefusal(error.dataDir, error.owner, advice));
  process.exit(1);
}
// The secret a command line beside this service reads from DATA_DIR to act through the API (README: Commands).
const localCredential = database.dataDir ? await writeLocalCredential(database.dataDir) : undefined;
const config = { ...appConfigFromEnv(env), maxUploadBytes: runtime.maxUploadBytes, localCredential };
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
  // One line for the person who started it, beside the JSON logs.
  const where =
    database.engine === 'pglite'
      ? `embedded database at ${env.DATA_DIR || './data'}`
      : 'PostgreSQL at DATABASE_URL';
  console.log(`plan-monitor 已启动：http://localhost:${info.port}  (${where})`);
  // Where a command line finds this service: it listens on every interface, loopback included.
  database.lock?.update({ url: `http://127.0.0.1:${info.port}` }).catch((error: unknown) => {
    logger.error({ err: error }, 'could not write the address into the data directory lock');
  });
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
    if (database.dataDir && localCredential) await removeLocalCredential(database.dataDir, localCredential);
    await database.close();
    logger.info('stopped');
    process.exit(0);
  });
  // Keep-alive connections with no request in flight would otherwise hold the close open.
  if ('closeIdleConnections' in server) server.closeIdleConnections();
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
