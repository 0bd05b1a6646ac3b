import { openPostgres } from '../../src/database/connect.ts';
import { migrateToLatest } from '../../src/database/migrate.ts';
import { appendToStream } from '../../src/store/index.ts';
import { batchWorkload, runConcurrently, seriesWorkload, valueEvent } from './support/workload.ts';

/** Our event store's append path on a fresh database: the same workloads as the Emmett run. */
export async function benchOurAppends(url: string, writers: number): Promise<number> {
  const database = openPostgres(url, { max: writers });
  try {
    await migrateToLatest(database.db);
    const { series, eventsPerSeries } = seriesWorkload;
    const seconds = await runConcurrently(series, writers, (s) =>
      appendToStream(
        database.db,
        `series-${s}`,
        0,
        Array.from({ length: eventsPerSeries }, (_, n) => valueEvent(s, n)),
      ),
    );
    return (series * eventsPerSeries) / seconds;
  } finally {
    await database.close();
  }
}

export async function benchOurBatches(url: string): Promise<number> {
  const database = openPostgres(url, { max: 1 });
  try {
    await migrateToLatest(database.db);
    const { batches, eventsPerBatch } = batchWorkload;
    const seconds = await runConcurrently(batches, 1, (b) =>
      appendToStream(
        database.db,
        `batch-${b}`,
        0,
        Array.from({ length: eventsPerBatch }, (_, n) => valueEvent(b * eventsPerBatch + n, n)),
      ),
    );
    return (batches * eventsPerBatch) / seconds;
  } finally {
    await database.close();
  }
}
