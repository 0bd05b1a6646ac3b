import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.ts';

/** The first key of every writers' lock (an arbitrary constant: "pm" in ASCII). */
const WRITERS_LOCK_CLASS = 0x706d;

/**
 * Takes, until the end of the caller's transaction, the lock that writers of one scope (a region's imports) queue
 * on. Under it a writer decides against everything the writers before it committed, so concurrent uploads land
 * one after another in commit order instead of failing each other's optimistic checks round after round. The
 * two-key form keeps these locks apart from the jobs' single-key ones (src/jobs/run-job.ts).
 */
export async function lockWriters(trx: Kysely<Database>, scope: string): Promise<void> {
  if (!trx.isTransaction) throw new Error('lockWriters holds its lock until the end of a transaction');
  await sql`SELECT pg_advisory_xact_lock(${WRITERS_LOCK_CLASS}, hashtext(${scope}))`.execute(trx);
}
