import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { openTestDatabase, testEngine } from '../../support/database.ts';

/** Debian's chromium, which .ci/run installs; the browser tests drive it with playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';

/** Why a browser test cannot run here (printed once, under `label`), or undefined when it can. */
export function browserMissing(label: string): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const why = `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium, as .ci/run does)`;
  console.warn(`[${label}] browser test skipped: ${why}`);
  return why;
}

/** A headless chromium with nothing of its own reaching the network. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/**
 * The environment of a service under test on the suite's engine: a fresh PostgreSQL database, or an embedded one
 * in a temporary DATA_DIR (`name` in its path); `cleanup` removes it.
 */
export async function serviceDatabase(
  name: string,
): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (testEngine === 'postgres') {
    const database = await openTestDatabase({ migrate: false });
    return { env: { DATABASE_URL: database.url ?? '' }, cleanup: () => database.close() };
  }
  const dataDir = await mkdtemp(join(tmpdir(), `plan-monitor-${name}-`));
  return { env: { DATA_DIR: dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}
