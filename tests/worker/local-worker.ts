import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const wranglerBin = resolve(root, 'node_modules/wrangler/bin/wrangler.js');

/** Wrangler without a network or an account: no requests to Cloudflare, no metrics, no update check. */
const offline = {
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_LOG_SANITIZE: 'false',
  NO_COLOR: '1',
  WRANGLER_HIDE_BANNER: 'true',
};

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject()));
    });
  });
}

/**
 * Why wrangler's local runtime cannot run here, or undefined when it can: the workerd binary from npm must exist
 * for this platform and start (it needs a recent glibc and x86-64 or arm64).
 */
export async function workerdUnavailable(): Promise<string | undefined> {
  let binary: string;
  try {
    // The workerd package's main module exports the path of the binary for this platform as `default`.
    binary = (createRequire(import.meta.url)('workerd') as { default: string }).default;
  } catch (error) {
    return `the workerd package is not installed for ${process.platform}-${process.arch}: ${(error as Error).message}`;
  }
  const run = spawnSync(binary, ['--version'], { timeout: 20_000, encoding: 'utf8' });
  if (run.error) return `workerd (${binary}) cannot start: ${run.error.message}`;
  if (run.status !== 0)
    return `workerd --version exited with ${run.status}: ${(run.stderr || run.stdout).trim()}`;
  return undefined;
}

/** `wrangler deploy --dry-run`: the bundle that would be uploaded, written to `outdir`. */
export function bundleWorker(outdir: string): Promise<string> {
  return new Promise((resolveBundle, reject) => {
    execFile(
      process.execPath,
      [wranglerBin, 'deploy', '--dry-run', '--outdir', outdir],
      { cwd: root, env: { ...process.env, ...offline }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`wrangler deploy --dry-run failed: ${error.message}\n${stdout}\n${stderr}`));
        else resolveBundle(`${stdout}${stderr}`);
      },
    );
  });
}

export interface LocalWorker {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** A connection string wrangler accepts for Hyperdrive: it insists on a password (a trust-auth server ignores it). */
export function withPassword(connectionString: string): string {
  const url = new URL(connectionString);
  if (!url.password) url.password = 'unused';
  return url.toString();
}

/**
 * `wrangler dev` of wrangler.toml in workerd (bundled by the same esbuild step as `wrangler deploy`; a --no-bundle
 * run of the dry-run output would miss the text module of the charting library), on free ports, with Hyperdrive
 * pointing straight at `databaseUrl`. Resolves once /healthz answers (90 s at most).
 */
export async function startLocalWorker(options: {
  databaseUrl: string;
  persistTo: string;
  vars: Record<string, string>;
}): Promise<LocalWorker> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const args = [
    wranglerBin,
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspectorPort),
    '--persist-to',
    options.persistTo,
    // /__scheduled?cron=… fires scheduled() through the worker itself (with static assets configured, the
    // /cdn-cgi/handler/scheduled endpoint reaches the assets router instead, which has no scheduled handler).
    '--test-scheduled',
    '--show-interactive-dev-session=false',
    ...Object.entries(options.vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      ...offline,
      CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: withPassword(options.databaseUrl),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that stopping it also stops the workerd it started.
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const group = -child.pid;
    process.kill(group, 'SIGTERM');
    const killed = setTimeout(() => {
      try {
        process.kill(group, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 5_000);
    await exited;
    clearTimeout(killed);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer /healthz within 90 s:\n${output}`);
    }
    const healthy = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((wait) => setTimeout(wait, 250));
  }
  return { url, output: () => output, stop };
}
