import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CommandIo, ImportArgs } from '../imports/import-command.ts';
import { printReport } from '../imports/print-report.ts';
import type { ImportReport } from '../imports/report.ts';
import { uploadProgress } from './import-progress.ts';
import { LABELS } from './language.ts';
import { describeAnswer, isProblem, type ServiceClient } from './service-client.ts';

const STATUSES = new Set(['imported', 'dry-run', 'duplicate', 'rejected']);

function isReport(body: unknown): body is ImportReport {
  return (
    typeof body === 'object' && body !== null && STATUSES.has((body as { status?: unknown }).status as string)
  );
}

/**
 * `npm run import` beside a running service: the same upload as POST /api/v1/imports, printed and with the exit
 * codes of importCommand (0 imported, dry run or duplicate; 1 rejected; 2 the command or the file is wrong).
 */
export async function importThroughService(
  args: ImportArgs,
  client: ServiceClient,
  io: CommandIo,
): Promise<number> {
  const lang = io.print?.lang ?? 'zh';
  let file: Buffer;
  try {
    file = await readFile(args.path);
  } catch (error) {
    io.err(`${LABELS.cannotRead[lang]} ${args.path}: ${(error as Error).message}`);
    return 2;
  }
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], basename(args.path)));
  form.set('region', args.region);
  if (args.plan) form.set('plan', args.plan);
  if (args.dryRun) form.set('dryRun', 'true');
  if (args.confirmImplausible) form.set('confirmImplausible', 'true');
  if (args.confirmCells.length > 0) form.set('confirmCells', args.confirmCells.join('\n'));
  const upload =
    io.progressStream && !args.json
      ? uploadProgress(
          io.progressStream,
          { file: basename(args.path), bytes: file.length, url: client.owner.url },
          lang,
        )
      : undefined;
  let answer: { status: number; body: unknown };
  try {
    answer = await client.call('POST', '/api/v1/imports', form);
  } finally {
    upload?.stop();
  }
  const { status, body } = answer;
  if (isReport(body)) {
    io.out(args.json ? JSON.stringify(body, null, 2) : printReport(body, io.print));
    return body.status === 'rejected' ? 1 : 0;
  }
  if (isProblem(body)) {
    io.err(
      args.json
        ? JSON.stringify({ code: body.code, message: body.message })
        : `${body.code}: ${body.message[lang]}`,
    );
  } else {
    io.err(describeAnswer(status, body, lang));
  }
  return 2;
}
