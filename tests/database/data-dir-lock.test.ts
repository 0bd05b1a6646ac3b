import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acquireDataDirLock,
  DataDirLocked,
  LOCK_FILE,
  type LockOwner,
  ownerIsAlive,
  parseLockOwner,
} from '../../src/database/data-dir-lock.ts';
import { openDatabaseFromEnv } from '../../src/database/open-from-env.ts';
import { templateDataDir } from './support/template-data-dir.ts';

const root = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
const children: ChildProcess[] = [];

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plan-monitor-lock-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const lockText = (dir: string) => readFile(join(dir, LOCK_FILE), 'utf8');

/** Another process that takes the lock: resolves once it says "held" or "locked". */
function holder(dir: string): Promise<{ child: ChildProcess; said: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/database/support/hold-lock.ts', dir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolveSaid, reject) => {
    child.stdout?.once('data', (chunk) => resolveSaid({ child, said: String(chunk).trim() }));
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
}

/** The pid of a process that has just ended: nothing runs under it. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.once('exit', r));
  return child.pid ?? 0;
}

const owner = (changes: Partial<LockOwner>): LockOwner => ({
  id: 'earlier',
  pid: 1,
  host: hostname(),
  startedAt: '2026-12-01T00:00:00.000Z',
  role: 'service',
  command: 'npm start',
  ...changes,
});

describe('who owns a lock (pure)', () => {
  const here = { host: 'here', pid: 100, holds: false };
  const exists = (pid: number) => pid === 7;
  it.each([
    ['a live process on this host', owner({ host: 'here', pid: 7 }), true],
    ['a process that no longer exists', owner({ host: 'here', pid: 8 }), false],
    ['a process on another host, which cannot be checked', owner({ host: 'there', pid: 8 }), true],
    [
      "this process's pid in a lock it does not hold (a restarted container)",
      owner({ host: 'here', pid: 100 }),
      false,
    ],
  ])('%s: alive = %s', (_, lock, alive) => {
    expect(ownerIsAlive(lock, here, exists)).toBe(alive);
  });

  it('reads a lock file, and nothing from an empty or damaged one', () => {
    expect(parseLockOwner(JSON.stringify(owner({})))).toEqual(owner({}));
    expect(parseLockOwner('')).toBeUndefined();
    expect(parseLockOwner('{"pid":')).toBeUndefined();
  });
});

describe('the lock of a data directory', () => {
  it('is created with pid, host and start time, and only one of many openers at once gets it', async () => {
    const dir = await dataDir();
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => acquireDataDirLock(dir, { role: 'cli', command: `opener ${i}` })),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const refused = attempts.filter((a) => a.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(refused.every((a) => a.reason instanceof DataDirLocked)).toBe(true);
    const lock = won[0]?.status === 'fulfilled' ? won[0].value : undefined;
    expect(parseLockOwner(await lockText(dir))).toEqual({
      id: lock?.owner.id,
      pid: process.pid,
      host: hostname(),
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      role: 'cli',
      command: lock?.owner.command,
    });
    await lock?.release();
  });

  it('refuses a second process while the first lives, and is taken over once it was killed', async () => {
    const dir = await dataDir();
    const first = await holder(dir);
    expect(first.said).toBe('held');
    expect((await holder(dir)).said).toBe('locked');
    const refusal = await acquireDataDirLock(dir, { role: 'service', command: 'npm start' }).catch((e) => e);
    expect(refusal).toBeInstanceOf(DataDirLocked);
    expect(refusal.owner).toMatchObject({ pid: first.child.pid, host: hostname(), command: 'hold-lock' });

    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const logged: unknown[] = [];
    const lock = await acquireDataDirLock(
      dir,
      { role: 'service', command: 'npm start' },
      { log: (message, fields) => logged.push({ message, ...fields }) },
    );
    expect(logged).toEqual([
      expect.objectContaining({
        message: 'taking over the lock of a process that no longer exists',
        staleOwner: expect.objectContaining({ pid: first.child.pid }),
      }),
    ]);
    expect(parseLockOwner(await lockText(dir))?.pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a lock whose process no longer exists, a damaged one, and its own pid from a previous run', async () => {
    for (const stale of [
      JSON.stringify(owner({ pid: await deadPid() })),
      '',
      JSON.stringify(owner({ pid: process.pid })),
    ]) {
      const dir = await dataDir();
      await writeFile(join(dir, LOCK_FILE), stale);
      const aMinuteAgo = new Date(Date.now() - 60_000);
      await utimes(join(dir, LOCK_FILE), aMinuteAgo, aMinuteAgo);
      const lock = await acquireDataDirLock(dir, { role: 'cli', command: 'npm run seed' });
      expect(parseLockOwner(await lockText(dir))?.id).toBe(lock.owner.id);
      await lock.release();
    }
  });

  it('leaves an unreadable lock to its writer for two seconds before taking it over as damaged', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, LOCK_FILE), '');
    const started = Date.now();
    const lock = await acquireDataDirLock(dir, { role: 'cli', command: 'npm run seed' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    await lock.release();
  });

  it('never takes over the lock of a process on another host', async () => {
    const dir = await dataDir();
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify(owner({ host: 'another-host', pid: await deadPid() })),
    );
    await expect(acquireDataDirLock(dir, { role: 'cli', command: 'npm run seed' })).rejects.toThrow(
      DataDirLocked,
    );
  });

  it("records the service's address, is released on close, and a release never removes a later owner's lock", async () => {
    const dir = await dataDir();
    const lock = await acquireDataDirLock(dir, { role: 'service', command: 'npm start' });
    await lock.update({ url: 'http://127.0.0.1:8787' });
    expect(parseLockOwner(await lockText(dir))).toMatchObject({
      id: lock.owner.id,
      url: 'http://127.0.0.1:8787',
    });
    await lock.release();
    await expect(lockText(dir)).rejects.toThrow(/ENOENT/);

    const next = await acquireDataDirLock(dir, { role: 'cli', command: 'npm run import' });
    await lock.release();
    expect(parseLockOwner(await lockText(dir))?.id).toBe(next.owner.id);
    await next.release();
  });
});

describe('the embedded database opened from the environment', () => {
  it('holds the lock of DATA_DIR while open: a second opener is refused, and close releases it', async () => {
    const dir = await dataDir();
    await templateDataDir(dir);
    const env = { DATA_DIR: dir };
    const who = { role: 'cli', command: 'test' } as const;
    const first = await openDatabaseFromEnv(env, who);
    try {
      expect(first.lock?.path).toBe(join(dir, LOCK_FILE));
      await expect(openDatabaseFromEnv(env, who)).rejects.toThrow(DataDirLocked);
    } finally {
      await first.close();
    }
    await expect(lockText(dir)).rejects.toThrow(/ENOENT/);
  }, 60_000);

  it.runIf(process.env.TEST_DATABASE_URL)(
    'takes no lock with DATABASE_URL: the server arbitrates',
    async () => {
      const dir = await dataDir();
      const database = await openDatabaseFromEnv(
        { DATABASE_URL: process.env.TEST_DATABASE_URL, DATA_DIR: dir },
        { role: 'cli', command: 'test' },
      );
      try {
        expect([database.engine, database.lock]).toEqual(['postgres', undefined]);
        await expect(lockText(dir)).rejects.toThrow(/ENOENT/);
      } finally {
        await database.close();
      }
    },
  );
});
