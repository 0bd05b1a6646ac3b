import { userInfo } from 'node:os';
import { importCommand, parseImportArgs } from '../imports/import-command.ts';
import { catchUpAll } from '../projections/catch-up.ts';
import { projections } from '../projections/index.ts';
import { prepareDatabase } from '../startup.ts';
import { importThroughService } from './import-through-service.ts';
import { EXIT_OWNED_ELSEWHERE, openForCommand } from './open-for-command.ts';
import { ServiceUnreachable } from './service-client.ts';

// npm run import -- FILE --region 320700 [--plan ID] [--dry-run] [--json]
// Imports a workbook as POST /api/v1/imports does, recorded as done by the person running the command: in the
// database itself, or through the service that owns the data directory while it runs.
const args = process.argv.slice(2);
const parsed = parseImportArgs(args);
if ('error' in parsed) {
  console.error(parsed.error);
  process.exit(2);
}
const io = {
  out: (text: string) => console.log(text),
  err: (text: string) => console.error(text),
  progressStream: process.stderr,
};
const target = await openForCommand(process.env, 'npm run import', { throughService: true });
let exitCode = 2;
if (target.kind === 'refused') {
  console.error(target.message);
  exitCode = EXIT_OWNED_ELSEWHERE;
} else if (target.kind === 'service') {
  try {
    exitCode = await importThroughService(parsed, target.client, io);
  } catch (error) {
    if (!(error instanceof ServiceUnreachable)) throw error;
    console.error(error.message);
    exitCode = EXIT_OWNED_ELSEWHERE;
  }
} else {
  const { database } = target;
  try {
    await prepareDatabase(database.db);
    const who = userInfo().username;
    exitCode = await importCommand(args, database.db, {
      actor: { kind: 'cli', id: who, name: `npm run import (${who})` },
      now: new Date(),
      catchUp: async () => {
        await catchUpAll(database.db, projections);
      },
      io,
    });
  } finally {
    await database.close();
  }
}
process.exit(exitCode);
