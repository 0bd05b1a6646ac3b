import { userInfo } from 'node:os';
import { importCommand, parseImportArgs } from '../imports/import-command.ts';
import { catchUpAll } from '../projections/catch-up.ts';
import { projections } from '../projections/index.ts';
import { prepareDatabase } from '../startup.ts';
import { importThroughService } from './import-through-service.ts';
import { runWhereTheDataIs } from './open-for-command.ts';

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
const exitCode = await runWhereTheDataIs(process.env, 'npm run import', {
  service: (client) => importThroughService(parsed, client, io),
  async database({ db }) {
    await prepareDatabase(db);
    const who = userInfo().username;
    return importCommand(args, db, {
      actor: { kind: 'cli', id: who, name: `npm run import (${who})` },
      now: new Date(),
      catchUp: async () => {
        await catchUpAll(db, projections);
      },
      io,
    });
  },
});
process.exit(exitCode);
