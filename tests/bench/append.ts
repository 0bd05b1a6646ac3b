import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { benchOurAppends, benchOurBatches } from './append-ours.ts';
import { copyIntoBareTable } from './support/copy.ts';
import { freshDatabase } from './support/postgres.ts';
import { batchWorkload, seriesWorkload, valueEvent } from './support/workload.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

async function emmett(url: string, workload: 'series' | 'batches', writers: number): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'tests/bench/append-emmett.ts', url, workload, String(writers)],
    {
      cwd: root,
      maxBuffer: 1 << 20,
    },
  );
  return (JSON.parse(stdout) as { eventsPerSecond: number }).eventsPerSecond;
}

/** Each measurement on a fresh database of its own, so no run warms or fills the next one's tables. */
async function onFreshDatabase<T>(serverUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const database = await freshDatabase(serverUrl);
  try {
    return await work(database.url);
  } finally {
    await database.drop();
  }
}

/**
 * Ours, Emmett, Emmett, ours (ABBA), each on a fresh database, and the mean of each: the machine is shared and its
 * load swings within a minute (load average 5 → 17 was seen during one run), so one of each in a row made the
 * ratio depend on which of the two ran in the quieter minute. ABBA cancels a drift that is steady over the four.
 */
async function abba(
  serverUrl: string,
  ours: (url: string) => Promise<number>,
  peer: (url: string) => Promise<number>,
): Promise<{ ours: number; emmett: number; runs: { ours: number[]; emmett: number[] } }> {
  const a1 = await onFreshDatabase(serverUrl, ours);
  const b1 = await onFreshDatabase(serverUrl, peer);
  const b2 = await onFreshDatabase(serverUrl, peer);
  const a2 = await onFreshDatabase(serverUrl, ours);
  return { ours: (a1 + a2) / 2, emmett: (b1 + b2) / 2, runs: { ours: [a1, a2], emmett: [b1, b2] } };
}

export async function appendBenchmark(serverUrl: string) {
  const rows: {
    workload: string;
    ours: number;
    emmett: number;
    ratio: number;
    goal: string;
    runs: { ours: number[]; emmett: number[] };
  }[] = [];
  for (const writers of [1, 8]) {
    const measured = await abba(
      serverUrl,
      (url) => benchOurAppends(url, writers),
      (url) => emmett(url, 'series', writers),
    );
    rows.push({
      workload: `${seriesWorkload.series} series × ${seriesWorkload.eventsPerSeries}, ${writers} writer(s)`,
      ...measured,
      ratio: measured.ours / measured.emmett,
      goal: '≥ 3× Emmett',
    });
  }
  const measured = await abba(serverUrl, benchOurBatches, (url) => emmett(url, 'batches', 1));
  rows.push({
    workload: `${batchWorkload.batches} batches × ${batchWorkload.eventsPerBatch}`,
    ...measured,
    ratio: measured.ours / measured.emmett,
    goal: '≥ 3× Emmett',
  });

  const total = seriesWorkload.series * seriesWorkload.eventsPerSeries;
  const copy = await onFreshDatabase(serverUrl, (url) =>
    copyIntoBareTable(
      url,
      'bare_events',
      'stream_id text, stream_version int, event_type text, data jsonb, metadata jsonb',
      (function* () {
        for (let s = 0; s < seriesWorkload.series; s++)
          for (let n = 0; n < seriesWorkload.eventsPerSeries; n++) {
            const e = valueEvent(s, n);
            const json = (v: unknown) => JSON.stringify(v).replaceAll('\\', '\\\\');
            yield [`series-${s}`, n + 1, e.type, json(e.data), json(e.metadata)].join('\t');
          }
      })(),
    ),
  );
  return { rows, copyRowsPerSecond: copy, copyRows: total };
}
