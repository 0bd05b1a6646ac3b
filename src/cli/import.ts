import { userInfo } from 'node:os';
import { importCommand, parseImportArgs } from '../imports/import-command.ts';
import { catchUpAll } from '../projections/catch-up.ts';
import { projections } from '../projections/index.ts';
import { prepareDatabase } from '../startup.ts';
import { importThroughService } from './import-through-service.ts';
import { LABELS, languageOfProcess } from './language.ts';
import { runWhereTheDataIs } from './open-for-command.ts';
import { partNamesInDatabase, partNamesOfService } from './part-names.ts';

// npm run import -- FILE --region 320700 [--plan ID] [--dry-run] [--json] [--lang zh|en]
// Imports a workbook as POST /api/v1/imports does, recorded as done by the person running the command: in the
// database itself, or through the service that owns the data directory while it runs.
const { lang, argv: args } = languageOfProcess();
const parsed = parseImportArgs(args);
if ('error' in parsed) {
  // parseImportArgs words its errors in English (Node's parseArgs too): said again in the chosen language.
  const [first = ''] = parsed.error.split('\n');
  const why = first.startsWith('--region')
    ? LABELS.regionCode[lang]
    : first.startsWith('usage:')
      ? undefined
      : `${LABELS.badArguments[lang]}: ${first}`;
  console.error([why, LABELS.importUsage[lang]].filter(Boolean).join('\n'));
  process.exit(2);
}
const io = {
  out: (text: string) => console.log(text),
  err: (text: string) => console.error(text),
  progressStream: process.stderr,
};
const exitCode = await runWhereTheDataIs(process.env, 'npm run import', {
  service: async (client) =>
    importThroughService(parsed, client, {
      ...io,
      print: { lang, partName: parsed.json ? undefined : await partNamesOfService(client) },
    }),
  async database({ db }) {
    await prepareDatabase(db);
    const who = userInfo().username;
    return importCommand(args, db, {
      actor: { kind: 'cli', id: who, name: `npm run import (${who})` },
      now: new Date(),
      catchUp: async () => {
        await catchUpAll(db, projections);
      },
      io: { ...io, print: { lang, partName: parsed.json ? undefined : await partNamesInDatabase(db) } },
    });
  },
});
process.exit(exitCode);
