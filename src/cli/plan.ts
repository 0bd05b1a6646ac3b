import { userInfo } from 'node:os';
import { parsePlanArgs, planCommand } from '../plan-uploads/plan-command.ts';
import { catchUpAll } from '../projections/catch-up.ts';
import { projections } from '../projections/index.ts';
import { prepareDatabase } from '../startup.ts';
import { EXIT_OWNED_ELSEWHERE, openForCommand } from './open-for-command.ts';
import { planThroughService } from './plan-through-service.ts';
import { ServiceUnreachable } from './service-client.ts';

// npm run plan -- add FILE --region 420100 --title … --issuer … --issued-on … --period 2021-2025 [--dry-run]
// Adds a plan (or, with --plan, a revision of one) from its printed indicator table, as POST /api/v1/plans does:
// in the database itself, or through the service that owns the data directory while it runs.
const parsed = parsePlanArgs(process.argv.slice(2));
if ('error' in parsed) {
  console.error(parsed.error);
  process.exit(2);
}
const out = (text: string) => console.log(text);
const target = await openForCommand(process.env, 'npm run plan', { throughService: true });
let exitCode = 2;
if (target.kind === 'refused') {
  console.error(target.message);
  exitCode = EXIT_OWNED_ELSEWHERE;
} else if (target.kind === 'service') {
  try {
    exitCode = await planThroughService(parsed, target.client, out);
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
    exitCode = await planCommand(parsed, database.db, {
      actor: { kind: 'cli', id: who, name: `npm run plan (${who})` },
      now: new Date(),
      catchUp: async () => {
        await catchUpAll(database.db, projections);
      },
      out,
    });
  } finally {
    await database.close();
  }
}
process.exit(exitCode);
