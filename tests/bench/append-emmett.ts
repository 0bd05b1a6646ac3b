// Emmett's PostgreSQL event store on the same workloads. Run in a child process of its own: it changes pg's
// process-wide type parsers. Usage: tsx tests/bench/append-emmett.ts URL series|batches WRITERS → JSON on stdout.
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { batchWorkload, runConcurrently, seriesWorkload, valueEvent } from './support/workload.ts';

const [url, workload, writersText] = process.argv.slice(2);
if (!url || !workload) throw new Error('usage: append-emmett.ts URL series|batches WRITERS');
const writers = Number(writersText ?? 1);
const store = getPostgreSQLEventStore(url, { schema: { autoMigration: 'CreateOrUpdate' } });
await store.schema.migrate();

const toEmmett = (event: ReturnType<typeof valueEvent>) => ({
  type: event.type,
  data: event.data,
  metadata: event.metadata,
});
let eventsPerSecond: number;
if (workload === 'series') {
  const { series, eventsPerSeries } = seriesWorkload;
  const seconds = await runConcurrently(series, writers, (s) =>
    store.appendToStream(
      `series-${s}`,
      Array.from({ length: eventsPerSeries }, (_, n) => toEmmett(valueEvent(s, n))),
      { expectedStreamVersion: 0n },
    ),
  );
  eventsPerSecond = (series * eventsPerSeries) / seconds;
} else {
  const { batches, eventsPerBatch } = batchWorkload;
  const seconds = await runConcurrently(batches, 1, (b) =>
    store.appendToStream(
      `batch-${b}`,
      Array.from({ length: eventsPerBatch }, (_, n) => toEmmett(valueEvent(b * eventsPerBatch + n, n))),
      { expectedStreamVersion: 0n },
    ),
  );
  eventsPerSecond = (batches * eventsPerBatch) / seconds;
}
await store.close();
process.stdout.write(JSON.stringify({ eventsPerSecond }));
