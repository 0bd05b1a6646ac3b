import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';

const root = resolve(import.meta.dirname, '../../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run <script>` as package.json does (tsx src/cli/<script>.ts), with `env` over this process's. */
export function runCli(script: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  const child = spawn(resolve(root, 'node_modules/.bin/tsx'), [`src/cli/${script}.ts`, ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return outputOf(child);
}

/** What a child process printed, and its exit code, once it has closed. */
export function outputOf(child: ChildProcessByStdio<null, Readable, Readable>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolveRun) => child.once('close', (code) => resolveRun({ code, stdout, stderr })));
}
