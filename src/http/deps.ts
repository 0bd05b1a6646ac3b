import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';

/** What the HTTP app needs from its runtime; the entry point (Node or Workers) provides it. */
export interface AppDeps {
  db: Kysely<Database>;
  /** Brings every projection up to the end of the log. */
  catchUp(): Promise<void>;
}
