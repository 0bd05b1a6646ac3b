import { userInfo } from 'node:os';
import { openDatabaseFromEnv } from '../database/open-from-env.ts';
import { parsePlanArgs, planCommand } from '../plan-uploads/plan-command.ts';
import { catchUpAll } from '../projections/catch-up.ts';
import { projections } from '../projections/index.ts';
import { prepareDatabase } from '../startup.ts';

// npm run plan -- add FILE --region 420100 --title … --issuer … --issued-on … --period 2021-2025 [--dry-run]
// Adds a plan (or, with --plan, a revision of one) from its printed indicator table, as POST /api/v1/plans does.
const parsed = parsePlanArgs(process.argv.slice(2));
if ('error' in parsed) {
  console.error(parsed.error);
  process.exit(2);
}
const database = await openDatabaseFromEnv(process.env);
let exitCode = 2;
try {
  await prepareDatabase(database.db);
  const who = userInfo().username;
  exitCode = await planCommand(parsed, database.db, {
    actor: { kind: 'cli', id: who, name: `npm run plan (${who})` },
    now: new Date(),
    catchUp: async () => {
      await catchUpAll(database.db, projections);
    },
    out: (text) => console.log(text),
  });
} finally {
  await database.close();
}
process.exit(exitCode);
