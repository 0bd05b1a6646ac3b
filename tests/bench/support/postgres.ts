import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';

const root = resolve(import.meta.dirname, '../../..');

/**
 * A PostgreSQL server for benchmarks: BENCH_DATABASE_URL if set, else a throwaway PostgreSQL 15 started by
 * .ci/start-postgres.sh (stopped by the returned function).
 */
export function benchServer(): { url: string; stop: () => void } {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { url: given, stop: () => {} };
  const dirFile = `/tmp/plan-monitor-bench-${process.pid}`;
  const url = execFileSync('bash', ['-c', `bash .ci/start-postgres.sh 3>${dirFile}`], { cwd: root })
    .toString()
    .trim();
  const dir = readFileSync(dirFile, 'utf8').trim();
  return { url, stop: () => execFileSync('bash', ['.ci/stop-postgres.sh', dir], { cwd: root }) };
}

/** A fresh, empty database on the server; returns its URL and a function that drops it. */
export async function freshDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
