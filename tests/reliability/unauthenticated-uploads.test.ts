import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine } from '../support/database.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { canMeasureMemory, memoryOf, watchServer } from './support/process-watch.ts';

/**
 * Issue 12: 200 unauthenticated 20 MB uploads took the server from 251 to 1,369 MB and /healthz's p99 to 1.18 s,
 * because the form was read before the token was asked for. Now the token is checked first, the body is not
 * read, and the answer closes the connection. The bound (README: Configuration) is what this test holds it to.
 */
const UPLOADS = 200;
const AT_ONCE = 20;
const FILE_BYTES = 20_000_000;
/** RSS may grow by this much over the server's own before the uploads (it grew by 1,118 MB before). */
const RSS_GROWTH_BOUND_MB = 100;

const PIECE = Buffer.alloc(1024 * 1024);
const BOUNDARY = 'reliability-boundary';
const HEAD = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="region"\r\n\r\n320700\r\n` +
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.xlsx"\r\n` +
    'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
);
const TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/**
 * One upload of a 20 MB form with node:http, declared by Content-Length or chunked; it stops sending once the
 * answer has come (node:http hands it over whenever it arrives, also while the body is still going out).
 */
function upload(url: string, chunked: boolean): Promise<{ status: number; cut?: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const sent = request(`${url}/api/v1/imports`, {
      method: 'POST',
      agent: false,
      headers: {
        'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
        ...(chunked ? {} : { 'Content-Length': HEAD.length + FILE_BYTES + TAIL.length }),
      },
    });
    sent.on('response', (response) => {
      answered = true;
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
    });
    sent.on('error', (error: NodeJS.ErrnoException) => {
      // The server closes the connection after its answer: a client still sending may see the reset before the
      // answer. The body was not read either way.
      if (answered) return;
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') resolve({ status: 0, cut: error.code });
      else reject(error);
    });
    sent.on('socket', (socket) => socket.on('error', () => {}));
    (async () => {
      if (!sent.write(HEAD)) await new Promise((r) => sent.once('drain', r));
      for (let written = 0; written < FILE_BYTES && !answered && !sent.destroyed; written += PIECE.length) {
        const piece = PIECE.subarray(0, Math.min(PIECE.length, FILE_BYTES - written));
        if (!sent.write(piece)) {
          await new Promise((r) => {
            sent.once('drain', r);
            sent.once('close', r);
          });
        }
      }
      if (!answered && !sent.destroyed) sent.end(TAIL);
    })().catch(() => {});
  });
}

describe(`200 unauthenticated 20 MB uploads (${testEngine})`, async () => {
  const measurable = await canMeasureMemory();
  let server: ServerProcess;
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    if (!measurable) return;
    let env: Record<string, string> = {};
    if (testEngine === 'postgres') {
      const database = await openTestDatabase({ migrate: false });
      env = { DATABASE_URL: database.url ?? '' };
      cleanup = () => database.close();
    }
    server = await startServer({
      ...env,
      ADMIN_TOKEN: 'reliability-admin',
      LOG_LEVEL: 'warn',
      RECALC_CRON: 'off',
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await cleanup();
  });

  it.skipIf(!measurable)(
    'given 200 uploads without a token, 20 at a time, then each is 401 at once, RSS stays within 100 MB of where it was, and /healthz p99 < 100 ms',
    async () => {
      const pid = server.child.pid as number;
      // Warm: the first requests load code paths; what a running server holds is the baseline.
      for (let i = 0; i < 20; i++) await fetch(`${server.url}/healthz`).then((r) => r.arrayBuffer());
      await upload(server.url, false);
      // /healthz on its own first, the same way: what this machine gives when nothing else happens.
      const idleWatch = await watchServer(server.url, pid);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const idle = await idleWatch.stop();
      const before = await memoryOf(pid);
      const watch = await watchServer(server.url, pid);
      const started = performance.now();
      const outcomes: { status: number; cut?: string }[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: AT_ONCE }, async () => {
          while (next < UPLOADS) {
            const n = next++;
            outcomes.push(await upload(server.url, n % 2 === 1));
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const seen = await watch.stop();
      const after = await memoryOf(pid);
      console.log(
        JSON.stringify({
          engine: testEngine,
          answered401: outcomes.filter((o) => o.status === 401).length,
          cut: outcomes.filter((o) => o.cut).length,
          seconds: Math.round(seconds * 10) / 10,
          rssBeforeMB: Math.round(before.rssMB),
          maxRssMB: Math.round(Math.max(seen.maxRssMB, after.rssMB)),
          hwmMB: Math.round(after.hwmMB),
          health: {
            answered: seen.answered,
            p99Ms: Math.round(seen.p99Ms),
            slowestMs: Math.round(seen.slowestMs),
          },
          idleHealth: { answered: idle.answered, p99Ms: Math.round(idle.p99Ms) },
          loadAverage: loadavg()[0],
        }),
      );

      expect(outcomes).toHaveLength(UPLOADS);
      // 401 token_required, or (rarely, on a loaded machine) the connection closed while the client was still
      // sending: never another answer, never read.
      const answered = outcomes.filter((o) => o.status === 401).length;
      const cut = outcomes.filter((o) => o.cut).length;
      expect(answered + cut).toBe(UPLOADS);
      expect(answered).toBeGreaterThanOrEqual(UPLOADS * 0.9);
      expect(seen.failed).toEqual([]);
      expect(seen.answered).toBeGreaterThan(10);
      // 100 ms (the issue measured 1.18 s) on a machine that is not busy with other work. On an overloaded one
      // (more runnable processes than twice its cores, as when several suites share two cores) the server's
      // share of the CPU says nothing about the server: the bound is then that of the issue, and the test says so.
      const load = loadavg()[0] ?? 0;
      const overloaded = load > 2 * cpus().length;
      if (overloaded) {
        console.log(
          `/healthz p99 bound of 100 ms not applied: load average ${load} on ${cpus().length} cores`,
        );
      }
      expect(seen.p99Ms).toBeLessThan(overloaded ? 1_000 : 100);
      expect(Math.max(seen.maxRssMB, after.rssMB) - before.rssMB).toBeLessThan(RSS_GROWTH_BOUND_MB);
      // The server is still itself afterwards.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    },
    180_000,
  );
});
