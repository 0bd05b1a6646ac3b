import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

// PGlite takes no lock of its own: two processes on one data directory each work on their own copy in memory and
// the last to flush wins. So the process that opens a DATA_DIR owns it through this lock file until it exits.

export const LOCK_FILE = 'plan-monitor.lock';

/** What the lock file says about its owner. Everything a person needs to find the process. */
export const LockOwner = z.object({
  /** Unique per acquisition: tells our own lock from a later owner's, whatever the pid. */
  id: z.string(),
  pid: z.number().int().positive(),
  host: z.string(),
  startedAt: z.string(),
  /** 'service': `npm start`, reachable at `url` once listening; 'cli': a command that opened the directory. */
  role: z.enum(['service', 'cli']),
  command: z.string(),
  url: z.string().optional(),
});
export type LockOwner = z.infer<typeof LockOwner>;

/** The directory is owned by another live process (or one on another host, which cannot be checked). */
export class DataDirLocked extends Error {
  override readonly name = 'DataDirLocked';
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `the data directory ${dataDir} is owned by ${owner.command} (pid ${owner.pid} on ${owner.host}, since ${owner.startedAt})`,
    );
  }
}

export interface DataDirLock {
  readonly path: string;
  readonly owner: LockOwner;
  /** Adds what others need to reach the owner (the service's address once it listens). */
  update(changes: { url?: string }): Promise<void>;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): Promise<void>;
}

export type LockLog = (message: string, fields: Record<string, unknown>) => void;

/** The lock file's owner, or undefined when the text is not one (an empty or damaged file). Pure. */
export function parseLockOwner(text: string): LockOwner | undefined {
  try {
    const parsed = LockOwner.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists on this host: signal 0 checks without sending anything. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Whether an owner still holds the directory. Pure given `here` and `exists`. A process on another host cannot be
 * checked, so it counts as alive. Our own pid in a lock we do not hold is a previous run's (a container restarts
 * its entry point with the same pid), so it is stale.
 */
export function ownerIsAlive(
  owner: LockOwner,
  here: { host: string; pid: number; holds: boolean },
  exists: (pid: number) => boolean = processExists,
): boolean {
  if (owner.host !== here.host) return true;
  if (owner.pid === here.pid) return here.holds;
  return exists(owner.pid);
}

// Lock files this process holds, by path: a second opener in the same process is refused too.
const held = new Map<string, LockOwner>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A process that exits without closing (an uncaught error, process.exit) still leaves the directory free.
  process.on('exit', () => {
    for (const [path, owner] of held) {
      try {
        if (parseLockOwner(readFileSync(path, 'utf8'))?.id === owner.id) unlinkSync(path);
      } catch {
        // Already gone.
      }
    }
  });
}

async function readOwnerText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The directory's current owner, alive or not; undefined when nobody has it locked. */
export async function readLockOwner(
  dataDir: string,
): Promise<{ owner: LockOwner; alive: boolean } | undefined> {
  const path = join(dataDir, LOCK_FILE);
  const text = await readOwnerText(path);
  const owner = text === undefined ? undefined : parseLockOwner(text);
  if (!owner) return undefined;
  return { owner, alive: ownerIsAlive(owner, { host: hostname(), pid: process.pid, holds: held.has(path) }) };
}

/** Writes `text` to a file of our own, then links it in: the lock appears complete or not at all (O_EXCL-like). */
async function createExclusive(path: string, text: string): Promise<boolean> {
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, text, { flag: 'wx', mode: 0o644 });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: O_EXCL itself (a reader may then see the file empty for an instant,
    // hence the grace an unreadable lock gets in createOrTakeOver).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
      return writeFile(path, text, { flag: 'wx', mode: 0o644 }).then(
        () => true,
        (writing: NodeJS.ErrnoException) => {
          if (writing.code === 'EEXIST') return false;
          throw writing;
        },
      );
    }
    throw error;
  } finally {
    await unlink(temporary).catch(() => {});
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes a stale lock, unless another process changed it since we read it. One remover at a time, under a
 * short-lived takeover file, so that two processes finding the same stale lock cannot remove each other's new one.
 */
async function removeStale(path: string, staleText: string): Promise<void> {
  const takeover = `${path}.takeover`;
  if (!(await createExclusive(takeover, String(process.pid)))) {
    // A remover that died mid-way leaves its takeover file: old ones are cleared.
    if ((await ageMs(takeover)) > 10_000) await unlink(takeover).catch(() => {});
    await pause(20);
    return;
  }
  try {
    if ((await readOwnerText(path)) === staleText) await unlink(path).catch(() => {});
  } finally {
    await unlink(takeover).catch(() => {});
  }
}

/** How long an unreadable lock file is left to its writer before it counts as damaged. */
const UNREADABLE_GRACE_MS = 2_000;

const ageMs = (path: string) =>
  stat(path).then(
    (s) => Date.now() - s.mtimeMs,
    () => Number.POSITIVE_INFINITY,
  );

async function createOrTakeOver(
  dataDir: string,
  path: string,
  owner: LockOwner,
  log?: LockLog,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if (await createExclusive(path, JSON.stringify(owner))) return;
    const text = await readOwnerText(path);
    if (text === undefined) continue; // released meanwhile
    const current = parseLockOwner(text);
    const here = { host: owner.host, pid: owner.pid, holds: false };
    if (current && ownerIsAlive(current, here)) throw new DataDirLocked(dataDir, current);
    if (!current && (await ageMs(path)) < UNREADABLE_GRACE_MS) {
      await pause(50);
      continue;
    }
    if (attempt >= 50) throw new Error(`could not take over the stale lock ${path}`);
    log?.('taking over the lock of a process that no longer exists', {
      lock: path,
      staleOwner: current ?? text.slice(0, 200),
    });
    await removeStale(path, text);
  }
}

/**
 * Takes the lock of `dataDir` for this process, or throws DataDirLocked naming the live owner. A lock left by a
 * process that no longer exists on this host is taken over, with a log line.
 */
export async function acquireDataDirLock(
  dataDir: string,
  who: { role: LockOwner['role']; command: string },
  options: { log?: LockLog; now?: () => Date } = {},
): Promise<DataDirLock> {
  const path = join(dataDir, LOCK_FILE);
  const owner: LockOwner = {
    id: randomUUID(),
    pid: process.pid,
    host: hostname(),
    startedAt: (options.now?.() ?? new Date()).toISOString(),
    role: who.role,
    command: who.command,
  };
  const ours = held.get(path);
  if (ours) throw new DataDirLocked(dataDir, ours);
  // Claimed in this process before the first await, so a concurrent opener here is refused, not mistaken for a
  // previous run with our pid.
  held.set(path, owner);
  try {
    await createOrTakeOver(dataDir, path, owner, options.log);
  } catch (error) {
    held.delete(path);
    throw error;
  }
  installExitHook();
  let current = owner;
  return {
    path,
    get owner() {
      return current;
    },
    async update(changes) {
      const next = { ...current, ...changes };
      // Replaced whole (rename), so a reader never sees half a file.
      const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
      await writeFile(temporary, JSON.stringify(next), { flag: 'wx', mode: 0o644 });
      await rename(temporary, path);
      current = next;
      held.set(path, next);
    },
    async release() {
      if (held.get(path)?.id !== owner.id) return;
      held.delete(path);
      const text = await readOwnerText(path);
      if (text !== undefined && parseLockOwner(text)?.id === owner.id) await unlink(path).catch(() => {});
    },
  };
}
