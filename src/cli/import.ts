import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { openDatabaseFromEnv } from '../database/open-from-env.ts';
import { ImportRequestError } from '../imports/import-request-error.ts';
import { printReport } from '../imports/print-report.ts';
import { runImport } from '../imports/run-import.ts';
import { catchUpAll } from '../projections/catch-up.ts';
import { projections } from '../projections/index.ts';
import { prepareDatabase } from '../startup.ts';

// npm run import -- FILE --region 320700 [--plan ID] [--dry-run] [--json]
// Imports a workbook as POST /api/v1/imports does, recorded as done by the person running the command.
// Exit code: 0 imported, dry run or duplicate; 1 rejected (every problem listed); 2 the command itself is wrong.
const usage = 'usage: npm run import -- FILE --region 320700 [--plan lianyungang-12fyp] [--dry-run] [--json]';
let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      region: { type: 'string' },
      plan: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
}
try {
  args = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const [path] = args.positionals;
const region = args.values.region;
if (!path || !region || !/^\d{6}$/.test(region)) {
  console.error(usage);
  process.exit(2);
}
const json = args.values.json === true;

const steps = { reading: 1, checking: 2, writing: 3, done: 4 } as const;
const bar =
  process.stderr.isTTY && !json
    ? new cliProgress.SingleBar(
        { format: '{bar} {step}', stream: process.stderr, clearOnComplete: true, hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;

const file = await readFile(path);
const database = await openDatabaseFromEnv(process.env);
let exitCode = 0;
try {
  bar?.start(4, 0, { step: '准备数据库 preparing the database' });
  await prepareDatabase(database.db);
  const who = userInfo().username;
  const { report } = await runImport(database.db, {
    file,
    fileName: basename(path),
    regionCode: region,
    planId: args.values.plan,
    dryRun: args.values['dry-run'] === true,
    actor: { kind: 'cli', id: who, name: `npm run import (${who})` },
    now: new Date(),
    onProgress: (step, detail) =>
      bar?.update(steps[step], { step: `${step}${detail.rows === undefined ? '' : ` (${detail.rows})`}` }),
  });
  if (report.status === 'imported') await catchUpAll(database.db, projections);
  bar?.stop();
  console.log(json ? JSON.stringify(report, null, 2) : printReport(report));
  exitCode = report.status === 'rejected' ? 1 : 0;
} catch (error) {
  bar?.stop();
  if (!(error instanceof ImportRequestError)) throw error;
  console.error(
    json
      ? JSON.stringify({ code: error.code, message: error.messages })
      : `${error.code}: ${error.messages.zh}\n${error.messages.en}`,
  );
  exitCode = 2;
} finally {
  await database.close();
}
process.exit(exitCode);
