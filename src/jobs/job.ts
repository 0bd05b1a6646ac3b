import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { recalculate } from './recalculate.ts';

/** Work run on a schedule. `run` gets a database handle bound to the connection that holds the job's lock. */
export interface Job {
  name: string;
  description: string;
  run(db: Kysely<Database>): Promise<Record<string, unknown>>;
}

export const recalculateJob: Job = {
  name: 'recalculate',
  description: 'Catch the projections up and recompute every progress row (trends, projections, statuses)',
  run: async (db) => ({ ...(await recalculate({ db })) }),
};

/** Every job the service knows. */
export const jobs: readonly Job[] = [recalculateJob];
