import { userInfo } from 'node:os';
import { DataDirLocked, type LockOwner, readLockOwner } from '../database/data-dir-lock.ts';
import { type EnvDatabase, openDatabaseFromEnv } from '../database/open-from-env.ts';
import { type Advice, ownerRefusal } from '../database/owner-refusal.ts';
import { readLocalCredential } from '../runtime/local-credential.ts';
import { type ServiceClient, ServiceUnreachable, serviceClient } from './service-client.ts';

/** Exit code of a command that did nothing because another process owns the data directory. */
export const EXIT_OWNED_ELSEWHERE = 3;

/**
 * Where a command does its work: the database itself (PostgreSQL, or the data directory, now locked by this
 * command), the service that owns the directory (through its API), or nowhere (refused: `message` says why).
 */
export type CommandTarget =
  | { kind: 'database'; database: EnvDatabase }
  | { kind: 'service'; client: ServiceClient }
  | { kind: 'refused'; message: string };

const WAIT_FOR_ADDRESS_MS = 30_000;

/** A starting service writes its address once it listens (after migrating and catching up): wait for it. */
async function serviceAddress(dataDir: string, owner: LockOwner): Promise<string | undefined> {
  const deadline = Date.now() + WAIT_FOR_ADDRESS_MS;
  for (let current: LockOwner | undefined = owner; current?.id === owner.id; ) {
    if (current.url) return current.url;
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const read = await readLockOwner(dataDir);
    current = read?.alive ? read.owner : undefined;
  }
  return undefined;
}

/**
 * Opens the database for `command`, or, when a running service owns the data directory and the command can go
 * through its API (`service`), a client of that service acting for the person running the command. Any other
 * owner (another command, a service on another host or not answering yet) means refusal, with `advice`.
 */
export async function openForCommand(
  env: Record<string, string | undefined>,
  command: string,
  options: ({ throughService: true } | { throughService: false; advice: Advice }) & { retried?: boolean },
): Promise<CommandTarget> {
  try {
    return {
      kind: 'database',
      database: await openDatabaseFromEnv(env, {
        role: 'cli',
        command,
        log: (message, fields) => console.error(JSON.stringify({ msg: message, ...fields })),
      }),
    };
  } catch (error) {
    if (!(error instanceof DataDirLocked)) throw error;
    const { dataDir, owner } = error;
    const wait = {
      zh: '请等它结束后再运行',
      en: 'wait until it has finished and run the command again',
    };
    if (owner.role !== 'service') return { kind: 'refused', message: ownerRefusal(dataDir, owner, wait) };
    if (!options.throughService)
      return { kind: 'refused', message: ownerRefusal(dataDir, owner, options.advice) };
    const url = await serviceAddress(dataDir, owner);
    // The service died while starting, or another took its place: look again, once.
    const now = url ? undefined : await readLockOwner(dataDir);
    if (!url && !options.retried && (!now?.alive || now.owner.id !== owner.id)) {
      return openForCommand(env, command, { ...options, retried: true });
    }
    if (!url) {
      const notReady = {
        zh: '它尚未开始监听，请等它启动完成后再运行',
        en: 'it is not listening yet, so wait until it has started and run the command again',
      };
      return { kind: 'refused', message: ownerRefusal(dataDir, owner, notReady) };
    }
    let credential: string;
    try {
      credential = await readLocalCredential(dataDir);
    } catch (reading) {
      const cannot = {
        zh: `无法读取它的本地凭据（${(reading as Error).message}），请以运行该服务的用户身份运行本命令`,
        en: `its local credential cannot be read (${(reading as Error).message}), so run the command as the user that runs the service`,
      };
      return { kind: 'refused', message: ownerRefusal(dataDir, owner, cannot) };
    }
    const who = userInfo().username;
    return {
      kind: 'service',
      client: serviceClient({ ...owner, url }, credential, { id: who, name: `${command} (${who})` }),
    };
  }
}

/** For a command that never goes through the service: the database, or the refusal printed and the process ended. */
export async function openOrRefuse(
  env: Record<string, string | undefined>,
  command: string,
  advice: Advice,
): Promise<EnvDatabase> {
  const target = await openForCommand(env, command, { throughService: false, advice });
  if (target.kind === 'database') return target.database;
  if (target.kind === 'refused') console.error(target.message);
  process.exit(EXIT_OWNED_ELSEWHERE);
}

/**
 * Runs a command that can do its work in two places: through the running service that owns the data directory
 * (`service`), or in the database itself (`database`, which closes it after). A refusal, or a service that stops
 * answering, is printed and exits with EXIT_OWNED_ELSEWHERE. Answers the exit code.
 */
export async function runWhereTheDataIs(
  env: Record<string, string | undefined>,
  command: string,
  work: {
    service: (client: ServiceClient) => Promise<number>;
    database: (database: EnvDatabase) => Promise<number>;
  },
): Promise<number> {
  const target = await openForCommand(env, command, { throughService: true });
  if (target.kind === 'refused') {
    console.error(target.message);
    return EXIT_OWNED_ELSEWHERE;
  }
  if (target.kind === 'service') {
    try {
      return await work.service(target.client);
    } catch (error) {
      if (!(error instanceof ServiceUnreachable)) throw error;
      console.error(error.message);
      return EXIT_OWNED_ELSEWHERE;
    }
  }
  try {
    return await work.database(target.database);
  } finally {
    await target.database.close();
  }
}
