import { userInfo } from 'node:os';
import { parsePlanArgs, planCommand } from '../plan-uploads/plan-command.ts';
import { catchUpAll } from '../projections/catch-up.ts';
import { projections } from '../projections/index.ts';
import { prepareDatabase } from '../startup.ts';
import { languageOfProcess } from './language.ts';
import { runWhereTheDataIs } from './open-for-command.ts';
import { planThroughService } from './plan-through-service.ts';

// npm run plan -- add FILE --region 420100 --title … --issuer … --issued-on … --period 2021-2025 [--dry-run]
// Adds a plan (or, with --plan, a revision of one) from its printed indicator table, as POST /api/v1/plans does:
// in the database itself, or through the service that owns the data directory while it runs.
// --lang is taken off (as every command takes it); the plan report itself is printed by src/plan-uploads.
const parsed = parsePlanArgs(languageOfProcess().argv);
if ('error' in parsed) {
  console.error(parsed.error);
  process.exit(2);
}
const out = (text: string) => console.log(text);
const exitCode = await runWhereTheDataIs(process.env, 'npm run plan', {
  service: (client) => planThroughService(parsed, client, out),
  async database({ db }) {
    await prepareDatabase(db);
    const who = userInfo().username;
    return planCommand(parsed, db, {
      actor: { kind: 'cli', id: who, name: `npm run plan (${who})` },
      now: new Date(),
      catchUp: async () => {
        await catchUpAll(db, projections);
      },
      out,
    });
  },
});
process.exit(exitCode);
