import { userInfo } from 'node:os';
import { openDatabaseFromEnv } from '../database/open-from-env.ts';
import { importCommand, parseImportArgs } from '../imports/import-command.ts';
import { catchUpAll } from '../projections/catch-up.ts';
import { projections } from '../projections/index.ts';
import { prepareDatabase } from '../startup.ts';

// npm run import -- FILE --region 320700 [--plan ID] [--dry-run] [--json]
// Imports a workbook as POST /api/v1/imports does, recorded as done by the person running the command.
const args = process.argv.slice(2);
const parsed = parseImportArgs(args);
if ('error' in parsed) {
  console.error(parsed.error);
  process.exit(2);
}
const database = await openDatabaseFromEnv(process.env);
let exitCode = 2;
try {
  await prepareDatabase(database.db);
  const who = userInfo().username;
  exitCode = await importCommand(args, database.db, {
    actor: { kind: 'cli', id: who, name: `npm run import (${who})` },
    now: new Date(),
    catchUp: async () => {
      await catchUpAll(database.db, projections);
    },
    io: {
      out: (text) => console.log(text),
      err: (text) => console.error(text),
      progressStream: process.stderr,
    },
  });
} finally {
  await database.close();
}
process.exit(exitCode);
