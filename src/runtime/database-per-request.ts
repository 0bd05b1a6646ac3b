import { AsyncLocalStorage } from 'node:async_hooks';
import type { OpenDatabase } from '../database/open-database.ts';

/**
 * The database of the request (or cron event) being handled. A Worker may not use one request's sockets in
 * another, so each request opens its own small pool; the app itself is built once per isolate (building it costs
 * ~15 ms of CPU) and finds the request's database here.
 */
export function databasePerRequest() {
  const storage = new AsyncLocalStorage<OpenDatabase>();
  return {
    /** Runs `work` with `database` as the current one. */
    run<T>(database: OpenDatabase, work: () => Promise<T>): Promise<T> {
      return storage.run(database, work);
    },
    /** The current request's database; outside a request there is none, and that is a bug worth a loud error. */
    current(): OpenDatabase {
      const database = storage.getStore();
      if (!database) throw new Error('no database outside a request or a cron event');
      return database;
    },
  };
}
