import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Waits until `condition` holds, checking every 5 ms; throws after `ms` naming what it waited for. */
export async function until(what: string, condition: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The newest modification time of the write-ahead log's segments: it moves once a transaction writes its bulk. */
export async function walWritten(dataDir: string): Promise<number> {
  const wal = join(dataDir, 'pglite', 'pg_wal');
  const times = await Promise.all(
    (await readdir(wal))
      .filter((name) => /^[0-9A-F]{24}$/.test(name))
      .map(async (name) => (await stat(join(wal, name))).mtimeMs),
  );
  return Math.max(0, ...times);
}
