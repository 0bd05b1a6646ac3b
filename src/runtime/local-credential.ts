import { randomBytes } from 'node:crypto';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// The service writes a fresh random secret into its data directory at start, readable by its own user only
// (0600). A command line on the same machine, run by the same user, reads it to act through the service's API
// as an admin (src/http/auth/authorize.ts); whoever can read it could read the database files anyway.

export const CREDENTIAL_FILE = 'local-credential';

/** Writes a new credential (replacing a previous run's) and returns it. */
export async function writeLocalCredential(dataDir: string): Promise<string> {
  const path = join(dataDir, CREDENTIAL_FILE);
  const secret = `pmlocal_${randomBytes(32).toString('base64url')}`;
  // Removed first and created exclusively: never written through an existing file, link, or looser mode.
  await unlink(path).catch(() => {});
  await writeFile(path, `${secret}\n`, { flag: 'wx', mode: 0o600 });
  return secret;
}

/** The running service's credential, or an error a person can act on (missing, not readable by this user). */
export async function readLocalCredential(dataDir: string): Promise<string> {
  return (await readFile(join(dataDir, CREDENTIAL_FILE), 'utf8')).trim();
}

/** Removes the credential on a clean stop: it is useless without the service that made it. */
export async function removeLocalCredential(dataDir: string, secret: string): Promise<void> {
  const path = join(dataDir, CREDENTIAL_FILE);
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current?.trim() === secret) await unlink(path).catch(() => {});
}
