import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { importProgress } from '../cli/import-progress.ts';
import { LABELS, type Lang } from '../cli/language.ts';
import type { Database } from '../database/schema.ts';
import type { Actor } from '../domain/vocabulary.ts';
import { ImportRequestError } from './import-request-error.ts';
import { type PrintOptions, printReport } from './print-report.ts';
import { runImport } from './run-import.ts';

export const IMPORT_USAGE =
  'usage: npm run import -- FILE --region 320700 [--plan lianyungang-12fyp] [--dry-run] [--json] [--confirm-implausible] [--confirm-cell 附件1!F15 …]';

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Progress: a bar on a terminal, plain lines elsewhere, nothing with --json. */
  progressStream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** The report's language (Chinese unless told) and the catalog's part names. */
  print?: PrintOptions;
}

export interface ImportArgs {
  path: string;
  region: string;
  plan: string | undefined;
  dryRun: boolean;
  json: boolean;
  /** Import the values the plausibility checks flag, all of them or these cells. */
  confirmImplausible: boolean;
  confirmCells: string[];
}

/** The command line, or what is wrong with it (with the usage). */
export function parseImportArgs(argv: string[]): ImportArgs | { error: string } {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        region: { type: 'string' },
        plan: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'confirm-implausible': { type: 'boolean', default: false },
        'confirm-cell': { type: 'string', multiple: true },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    return { error: `${(error as Error).message}\n${IMPORT_USAGE}` };
  }
  const [path, ...rest] = parsed.positionals;
  const region = parsed.values.region;
  if (!path || rest.length > 0) return { error: IMPORT_USAGE };
  if (!region || !/^\d{6}$/.test(region))
    return { error: `--region needs a six-digit GB/T 2260 code\n${IMPORT_USAGE}` };
  return {
    path,
    region,
    plan: parsed.values.plan,
    dryRun: parsed.values['dry-run'] === true,
    json: parsed.values.json === true,
    confirmImplausible: parsed.values['confirm-implausible'] === true,
    confirmCells: parsed.values['confirm-cell'] ?? [],
  };
}

/**
 * `npm run import` without the process around it: parses the arguments, imports as POST /api/v1/imports does
 * (as `actor`, at `now`), prints the report as tables or JSON. Returns the exit code: 0 imported, dry run or
 * duplicate; 1 rejected (every problem printed; implausible values are imported only with --confirm-implausible
 * or their --confirm-cell); 2 the command itself is wrong (arguments, region, plan, file).
 */
export async function importCommand(
  argv: string[],
  db: Kysely<Database>,
  context: { actor: Actor; now: Date; catchUp: () => Promise<void>; io: CommandIo },
): Promise<number> {
  const { io } = context;
  const parsed = parseImportArgs(argv);
  if ('error' in parsed) {
    io.err(parsed.error);
    return 2;
  }
  const { path, region, plan, dryRun, json, confirmImplausible, confirmCells } = parsed;
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (error) {
    io.err(`${LABELS.cannotRead[io.print?.lang ?? 'zh']} ${path}: ${(error as Error).message}`);
    return 2;
  }
  const lang: Lang = io.print?.lang ?? 'zh';
  const progress =
    io.progressStream && !json ? importProgress(io.progressStream, basename(path), lang) : undefined;
  try {
    const { report } = await runImport(db, {
      file,
      fileName: basename(path),
      regionCode: region,
      planId: plan,
      dryRun,
      confirm: { all: confirmImplausible, cells: confirmCells },
      actor: context.actor,
      now: context.now,
      onProgress: (step, detail) => progress?.update(step, detail),
    });
    if (report.status === 'imported') await context.catchUp();
    progress?.stop();
    io.out(json ? JSON.stringify(report, null, 2) : printReport(report, io.print));
    return report.status === 'rejected' ? 1 : 0;
  } catch (error) {
    progress?.stop();
    if (!(error instanceof ImportRequestError)) throw error;
    io.err(
      json
        ? JSON.stringify({ code: error.code, message: error.messages })
        : `${error.code}: ${error.messages[lang]}`,
    );
    return 2;
  }
}
