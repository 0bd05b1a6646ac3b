import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** A process's resident memory and its high-water mark, in MB, from /proc/PID/status (Linux). */
export async function memoryOf(pid: number): Promise<{ rssMB: number; hwmMB: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { rssMB: field('VmRSS'), hwmMB: field('VmHWM') };
}

/** /proc is what these tests measure memory with: without it they cannot say anything. */
export const canMeasureMemory = () =>
  readFile('/proc/self/status', 'utf8').then(
    (status) => status.includes('VmHWM'),
    () => false,
  );

/** The p-th percentile (0–100) of some durations. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

// The health probe runs in a process of its own: in the test's process its timings would include the test's own
// work (sending 20 MB bodies from the same event loop), not only the server's.
const PROBE = `
const [url, every] = process.argv.slice(1);
const timings = [], failed = [];
let running = true;
process.stdin.on('data', () => { running = false; });
// The first requests of a process set up its HTTP client: not the server's time.
for (let i = 0; i < 3; i++) await fetch(url + '/healthz').then((r) => r.arrayBuffer(), () => {});
process.stdout.write('ready\\n');
while (running) {
  const started = performance.now();
  try {
    const response = await fetch(url + '/healthz', { signal: AbortSignal.timeout(10000) });
    await response.arrayBuffer();
    if (response.status === 200) timings.push(performance.now() - started);
    else failed.push('status ' + response.status);
  } catch (error) { failed.push(error.message); }
  await new Promise((resolve) => setTimeout(resolve, Number(every)));
}
process.stdout.write(JSON.stringify({ timings, failed }) + '\\n');
`;

/**
 * GET /healthz every `everyMs` (from a child process) while something else goes on, and the server's RSS sampled
 * alongside: stop() gives the answers, the failures, the p99 and the largest RSS seen.
 */
export async function watchServer(url: string, pid: number, everyMs = 20) {
  const probe = spawn(process.execPath, ['--input-type=module', '-e', PROBE, url, String(everyMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  probe.stdout.on('data', (chunk) => {
    output += chunk;
  });
  const probed = new Promise<void>((resolve) => probe.once('exit', () => resolve()));
  while (!output.includes('ready\n')) {
    if (probe.exitCode !== null) throw new Error(`the /healthz probe exited with ${probe.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  let maxRssMB = 0;
  let running = true;
  const memory = (async () => {
    while (running) {
      maxRssMB = Math.max(maxRssMB, (await memoryOf(pid).catch(() => ({ rssMB: 0 }))).rssMB);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      probe.stdin.end('stop\n');
      await Promise.all([probed, memory]);
      const { timings, failed } = JSON.parse(output.slice(output.indexOf('ready\n') + 6)) as {
        timings: number[];
        failed: string[];
      };
      return {
        answered: timings.length,
        failed,
        p99Ms: percentile(timings, 99),
        slowestMs: Math.max(0, ...timings),
        maxRssMB,
      };
    },
  };
}
