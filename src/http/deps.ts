import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';

export interface AppConfig {
  /** Accepted as an admin token, for bootstrap and tests. */
  adminToken?: string;
  /** 'public' (default): reads need no token. 'token': every read needs one. */
  readAccess: 'public' | 'token';
}

/** What the HTTP app needs from its runtime; the entry point (Node or Workers) provides it. */
export interface AppDeps {
  db: Kysely<Database>;
  config: AppConfig;
  /** Brings every projection up to the end of the log. */
  catchUp(): Promise<void>;
}
