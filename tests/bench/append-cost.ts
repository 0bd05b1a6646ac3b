// What one append costs, in terms that wall time on a busy machine blurs less: PostgreSQL CPU (the whole
// server's: backends, WAL writer and the reaped ones, from /proc of the postmaster's tree, so the server must run
// on this machine), WAL bytes, Node CPU and round trips (a write after an answer, per socket), per append of the
// series workload. Usage: tsx tests/bench/append-cost.ts SERVER_URL ours|emmett WRITERS [SERIES] → JSON on stdout.
// Run as a child of its own per store: Emmett changes pg's process-wide type parsers.
import { readdirSync, readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import pg from 'pg';
import { freshDatabase } from './support/postgres.ts';
import { runConcurrently, valueEvent } from './support/workload.ts';

const [serverUrl, store, writersText, seriesText] = process.argv.slice(2);
if (!serverUrl || (store !== 'ours' && store !== 'emmett'))
  throw new Error('usage: SERVER_URL ours|emmett WRITERS');
const writers = Number(writersText ?? 1);
const series = Number(seriesText ?? 5_000);
const eventsPerSeries = 5;
const TICK = 100; // clock ticks per second of /proc/<pid>/stat

async function serverPid(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT setting FROM pg_settings WHERE name = 'data_directory'`);
  await client.end();
  return Number(readFileSync(`${rows[0].setting}/postmaster.pid`, 'utf8').split('\n')[0]);
}

/** CPU seconds of the server: the postmaster with its reaped children, and every live child. */
function serverCpu(postmaster: number): number {
  const fields = (pid: number) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  };
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let f: string[];
    try {
      f = fields(Number(entry));
    } catch {
      continue;
    }
    const ppid = Number(f[1]);
    if (Number(entry) !== postmaster && ppid !== postmaster) continue;
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  }
  return ticks / TICK;
}

async function walLsn(url: string): Promise<bigint> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT pg_current_wal_lsn() - '0/0' AS lsn`);
  await client.end();
  return BigInt(rows[0].lsn);
}

// A round trip: the first write after an answer came (or the first ever) on a socket.
let roundTripCount = 0;
const answered = new WeakMap<Socket, boolean>();
const write = Socket.prototype.write;
Socket.prototype.write = function (this: Socket, ...args: unknown[]) {
  if (answered.get(this) !== false) roundTripCount++;
  answered.set(this, false);
  return (write as (...a: unknown[]) => boolean).apply(this, args);
} as typeof Socket.prototype.write;
const emit = Socket.prototype.emit;
Socket.prototype.emit = function (this: Socket, event: string | symbol, ...args: unknown[]) {
  if (event === 'data') answered.set(this, true);
  return (emit as (...a: unknown[]) => boolean).call(this, event, ...args);
} as typeof Socket.prototype.emit;

const database = await freshDatabase(serverUrl);
const postmaster = await serverPid(serverUrl);
const events = (s: number) => Array.from({ length: eventsPerSeries }, (_, n) => valueEvent(s, n));
let append: (s: number) => Promise<unknown>;
let close: () => Promise<void>;
if (store === 'ours') {
  const { openPostgres } = await import('../../src/database/connect.ts');
  const { migrateToLatest } = await import('../../src/database/migrate.ts');
  const { appendToStream } = await import('../../src/store/index.ts');
  const opened = openPostgres(database.url, { max: writers });
  await migrateToLatest(opened.db);
  append = (s) => appendToStream(opened.db, `series-${s}`, 0, events(s));
  close = opened.close;
} else {
  const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
  const emmett = getPostgreSQLEventStore(database.url, { schema: { autoMigration: 'CreateOrUpdate' } });
  await emmett.schema.migrate();
  append = (s) =>
    emmett.appendToStream(
      `series-${s}`,
      events(s).map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })),
      { expectedStreamVersion: 0n },
    );
  close = () => emmett.close();
}
// Warm up (connections, prepared statements, plans, the JIT) before the measurement.
await runConcurrently(2_000, writers, (s) => append(series + s));
await new Promise((r) => setTimeout(r, 300));
const wal0 = await walLsn(database.url);
const pg0 = serverCpu(postmaster);
const node0 = process.cpuUsage();
const roundTrips0 = roundTripCount;
const seconds = await runConcurrently(series, writers, append);
const node = process.cpuUsage(node0);
const roundTrips = roundTripCount - roundTrips0;
await close();
await new Promise((r) => setTimeout(r, 300));
const pgCpu = serverCpu(postmaster) - pg0;
const wal = Number((await walLsn(serverUrl)) - wal0);
await database.drop();
const perAppend = (n: number) => Number(((n / series) * 1e6).toFixed(1));
process.stdout.write(
  `${JSON.stringify({
    store,
    writers,
    appends: series,
    eventsPerSecond: Math.round((series * eventsPerSeries) / seconds),
    'wall µs/append': perAppend(seconds),
    'pg CPU µs/append': perAppend(pgCpu),
    'node CPU µs/append': perAppend((node.user + node.system) / 1e6),
    'WAL bytes/append': Math.round(wal / series),
    'round trips/append': Number((roundTrips / series).toFixed(2)),
  })}\n`,
);
