import { acquireDataDirLock, DataDirLocked } from '../../../src/database/data-dir-lock.ts';

// A separate process that takes a data directory's lock and holds it until killed: prints "held" or "locked".
const dataDir = process.argv[2] ?? '';
try {
  await acquireDataDirLock(dataDir, { role: 'cli', command: 'hold-lock' });
  console.log('held');
  setInterval(() => {}, 1_000);
} catch (error) {
  if (!(error instanceof DataDirLocked)) throw error;
  console.log('locked');
}
