import { serve } from '@hono/node-server';
import { openDatabaseFromEnv } from './database/open-from-env.ts';
import { createApp } from './http/app.ts';
import { catchUpAll } from './projections/catch-up.ts';
import { projections } from './projections/index.ts';
import { prepareDatabase } from './startup.ts';

// The Node entry point: reads the environment, opens the database, hands the app what it needs.
const env = process.env;
const port = Number(env.PORT ?? 8787);
const database = await openDatabaseFromEnv(env);
const { seeded, projected } = await prepareDatabase(database.db);
console.log(
  JSON.stringify({
    msg: 'database ready',
    engine: database.engine,
    seededEvents: seeded,
    projectedEvents: projected,
  }),
);

const app = createApp({
  db: database.db,
  config: {
    adminToken: env.ADMIN_TOKEN || undefined,
    readAccess: env.READ_ACCESS === 'token' ? 'token' : 'public',
  },
  catchUp: async () => {
    await catchUpAll(database.db, projections);
  },
});
const server = serve({ fetch: app.fetch, port }, (info) => {
  console.log(JSON.stringify({ msg: 'listening', url: `http://localhost:${info.port}` }));
});

const shutdown = () => {
  // Finish the requests in flight, then close the database.
  server.close(async () => {
    await database.close();
    process.exit(0);
  });
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
