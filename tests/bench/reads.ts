import autocannon from 'autocannon';
import { startServer } from '../support/server-process.ts';
import { countyCode, planOf } from './support/national.ts';

export interface ReadRun {
  route: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
}

export interface ReadFigures {
  engine: 'postgres' | 'pglite';
  connections: number;
  seconds: number;
  runs: ReadRun[];
  /** Progress with revalidation (304s) against the trivial route. */
  ratioRevalidated: number;
  ratioFull: number;
}

/** The dashboard's read: one county's progress in its province's plan, for `counties` counties in turn. */
function progressPaths(provinces: readonly number[], counties: number): string[] {
  const paths: string[] = [];
  for (let n = 0; paths.length < counties; n++) {
    const province = provinces[n % provinces.length] ?? 41;
    const city = 1 + (Math.floor(n / provinces.length) % 10);
    const county = 1 + (Math.floor(n / provinces.length / 10) % 10);
    paths.push(`/api/v1/plans/${planOf(province)}/progress?region=${countyCode(province, city, county)}`);
  }
  return paths;
}

async function load(
  url: string,
  route: string,
  requests: { path: string; headers?: Record<string, string> }[],
  options: { connections: number; seconds: number },
): Promise<ReadRun> {
  // A short warm-up first: the first requests compile the routes and fill PostgreSQL's caches.
  await autocannon({ url, connections: options.connections, duration: 1, requests });
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    requests,
  });
  return {
    route,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    errors: result.errors + result.timeouts,
  };
}

/**
 * Benchmark 3: the real server (a child process, as `npm start` runs it) over a database that already holds the
 * national log, loaded with autocannon: GET …/progress with and without ETag revalidation, against /healthz (a
 * trivial Hono route of the same server, through the same middleware).
 */
export async function readBenchmark(
  env: Record<string, string>,
  engine: 'postgres' | 'pglite',
  provinces: readonly number[],
  options: { connections?: number; seconds?: number } = {},
): Promise<ReadFigures> {
  const connections = options.connections ?? 100;
  const seconds = options.seconds ?? 10;
  const server = await startServer({ ...env, LOG_LEVEL: 'warn', RECALC_CRON: 'off' });
  try {
    const paths = progressPaths(provinces, 20);
    const etags = await Promise.all(
      paths.map(async (path) => {
        const response = await fetch(`${server.url}${path}`);
        const body = (await response.json()) as { count?: number };
        if (response.status !== 200 || !body.count) throw new Error(`${path}: ${response.status}`);
        return response.headers.get('ETag') ?? '';
      }),
    );
    const settings = { connections, seconds };
    const revalidated = paths.map((path, index) => ({
      path,
      headers: { 'If-None-Match': etags[index] ?? '' },
    }));
    // The server warms up on every route first (JIT, PostgreSQL's caches), so the trivial route measured first
    // is not a cold floor that flatters the ratios.
    for (const requests of [[{ path: '/healthz' }], revalidated, paths.map((path) => ({ path }))]) {
      await autocannon({ url: server.url, connections, duration: 2, requests });
    }
    const runs = [
      await load(server.url, 'GET /healthz (trivial)', [{ path: '/healthz' }], settings),
      await load(server.url, 'GET …/progress, revalidated (If-None-Match → 304)', revalidated, settings),
      await load(
        server.url,
        'GET …/progress, full (200, 30 rows)',
        paths.map((path) => ({ path })),
        settings,
      ),
    ];
    const trivial = runs[0]?.requestsPerSecond ?? 1;
    return {
      engine,
      connections,
      seconds,
      runs,
      ratioRevalidated: (runs[1]?.requestsPerSecond ?? 0) / trivial,
      ratioFull: (runs[2]?.requestsPerSecond ?? 0) / trivial,
    };
  } finally {
    await server.stop();
  }
}
