import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type PlanArgs, printPlanReport } from '../plan-uploads/plan-command.ts';
import type { PlanUploadReport } from '../plan-uploads/upload-plan.ts';
import { describeAnswer, isProblem, type ServiceClient } from './service-client.ts';

const STATUSES = new Set(['draft', 'published', 'duplicate', 'rejected']);

const isReport = (body: unknown): body is PlanUploadReport =>
  typeof body === 'object' && body !== null && STATUSES.has((body as { status?: unknown }).status as string);

/**
 * `npm run plan -- add` beside a running service: the same upload as POST /api/v1/plans, printed and with the
 * exit codes of planCommand (0 drafted, published or duplicate; 1 refused; 2 the command or the file is wrong).
 */
export async function planThroughService(
  args: PlanArgs,
  client: ServiceClient,
  out: (text: string) => void,
): Promise<number> {
  let file: Buffer;
  try {
    file = await readFile(args.path);
  } catch (error) {
    out(`无法读取 ${args.path} / cannot read ${args.path}: ${(error as Error).message}`);
    return 2;
  }
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], basename(args.path)));
  const fields: Record<string, string | undefined> = {
    region: args.region,
    regionName: args.regionName,
    title: args.title,
    issuer: args.issuer,
    issuedOn: args.issuedOn,
    periodStart: args.period ? String(args.period.start) : undefined,
    periodEnd: args.period ? String(args.period.end) : undefined,
    plan: args.plan,
    planId: args.planId,
    dryRun: args.dryRun ? 'true' : undefined,
  };
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, value);
  const { status, body } = await client.call('POST', '/api/v1/plans', form);
  if (isReport(body)) {
    out(args.json ? JSON.stringify(body, null, 2) : printPlanReport(body));
    return body.status === 'rejected' ? 1 : 0;
  }
  if (isProblem(body)) {
    out(
      args.json
        ? JSON.stringify({ code: body.code, message: body.message })
        : `${body.message.zh}\n${body.message.en}`,
    );
    return 1;
  }
  out(describeAnswer(status, body));
  return 2;
}
