import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { DraftValue } from '../domain/plan-table/draft.ts';
import type { Actor } from '../domain/vocabulary.ts';
import { PlanUploadRequestError } from './plan-upload-request-error.ts';
import { type PlanUploadReport, uploadPlan } from './upload-plan.ts';

export const PLAN_USAGE =
  'usage: npm run plan -- add FILE --region 420100 (--title T --issuer I --issued-on 2021-09-30 --period 2021-2025 ' +
  '[--region-name N] [--plan-id ID] | --plan ID) [--dry-run] [--json]';

export interface PlanArgs {
  path: string;
  region: string;
  regionName?: string | undefined;
  title?: string | undefined;
  issuer?: string | undefined;
  issuedOn?: string | undefined;
  period?: { start: number; end: number } | undefined;
  plan?: string | undefined;
  planId?: string | undefined;
  dryRun: boolean;
  json: boolean;
}

/** The command line, or what is wrong with it (with the usage). */
export function parsePlanArgs(argv: string[]): PlanArgs | { error: string } {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        region: { type: 'string' },
        'region-name': { type: 'string' },
        title: { type: 'string' },
        issuer: { type: 'string' },
        'issued-on': { type: 'string' },
        period: { type: 'string' },
        plan: { type: 'string' },
        'plan-id': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    return { error: `${(error as Error).message}\n${PLAN_USAGE}` };
  }
  const [verb, path, ...rest] = parsed.positionals;
  if (verb !== 'add' || !path || rest.length > 0) return { error: PLAN_USAGE };
  const { values } = parsed;
  if (!values.region || !/^\d{6}$/u.test(values.region)) {
    return { error: `--region needs a six-digit GB/T 2260 code\n${PLAN_USAGE}` };
  }
  let period: PlanArgs['period'];
  if (values.period !== undefined) {
    const match = /^(\d{4})\s*[-–—~]\s*(\d{4})$/u.exec(values.period);
    if (!match) return { error: `--period is two years, such as 2021-2025\n${PLAN_USAGE}` };
    period = { start: Number(match[1]), end: Number(match[2]) };
  }
  return {
    path,
    region: values.region,
    regionName: values['region-name'],
    title: values.title,
    issuer: values.issuer,
    issuedOn: values['issued-on'],
    period,
    plan: values.plan,
    planId: values['plan-id'],
    dryRun: values['dry-run'] === true,
    json: values.json === true,
  };
}

/** Runs `npm run plan -- add …` on a database; returns the exit code (0 published or drafted, 1 refused). */
export async function planCommand(
  args: PlanArgs,
  db: Kysely<Database>,
  options: { actor: Actor; now: Date; catchUp: () => Promise<void>; out: (text: string) => void },
): Promise<number> {
  const file = await readFile(args.path);
  try {
    const report = await uploadPlan(db, {
      file,
      fileName: basename(args.path),
      regionCode: args.region,
      regionName: args.regionName,
      title: args.title,
      issuer: args.issuer,
      issuedOn: args.issuedOn,
      periodStart: args.period?.start,
      periodEnd: args.period?.end,
      plan: args.plan,
      planId: args.planId,
      dryRun: args.dryRun,
      actor: options.actor,
      now: options.now,
    });
    if (report.status === 'published') await options.catchUp();
    options.out(args.json ? JSON.stringify(report, null, 2) : printPlanReport(report));
    return report.status === 'rejected' ? 1 : 0;
  } catch (error) {
    if (!(error instanceof PlanUploadRequestError)) throw error;
    options.out(
      args.json
        ? JSON.stringify({ code: error.code, message: error.messages, field: error.field })
        : `${error.messages.zh}\n${error.messages.en}`,
    );
    return 1;
  }
}

const STATUS: Record<PlanUploadReport['status'], string> = {
  draft: '草稿（未写入）',
  published: '已发布',
  duplicate: '重复：该表已发布过，未写入',
  rejected: '检查未通过，未写入',
};
const FROM: Record<string, string> = {
  column: '表中填写',
  catalog: '目录已有',
  unit: '据单位',
  name: '据名称',
  comparator: '据目标符号',
  values: '据数值',
  default: '默认',
};
const WORDS: Record<string, string> = {
  ratio: '比率',
  count: '数量',
  amount: '金额',
  index: '指数',
  increase: '越大越好',
  decrease: '越小越好',
  linear: '线性',
  compound: '复合',
};

/** Each cell once (a compound or tier cell holds several values). */
const shown = (values: DraftValue[]) =>
  [...new Set(values.map((v) => `${v.year}年 ${v.cite.printed}（${v.cite.sheet}!${v.cite.cell}）`))].join(
    '；',
  ) || '—';

/** The draft in words, a row per indicator: what the administrator checks before publishing. */
export function printPlanReport(report: PlanUploadReport): string {
  const lines: string[] = [];
  const plan = report.plan;
  if (plan) {
    lines.push(
      `规划 ${plan.planId}：${plan.title}（${plan.period.start}–${plan.period.end}，基期 ${plan.baseYear} 年）` +
        (plan.revises ? ` 的修订表` : ''),
    );
  }
  if (report.region && !report.region.known)
    lines.push(`新地区：${report.region.name}（${report.region.code}）`);
  for (const row of report.rows) {
    const { indicator } = row;
    const match =
      indicator.match.kind === 'existing'
        ? `已有指标 ${indicator.code}（“${indicator.match.matchedName}”，可信度 ${indicator.match.confidence}）`
        : `新指标 ${indicator.code}`;
    lines.push(
      `${row.cite.sheet}!${row.cite.cell} ${indicator.category} / ${indicator.printedName} → ${match}`,
      `    ${WORDS[indicator.kind.value]}（${FROM[indicator.kind.from]}），${WORDS[indicator.direction.value]}（${FROM[indicator.direction.from]}），` +
        `${WORDS[indicator.growth.value]}（${FROM[indicator.growth.from]}）`,
      `    基期：${shown(row.baselines)}`,
      `    目标：${shown(row.targets)}`,
    );
  }
  for (const problem of report.problems) {
    lines.push(
      `${problem.severity === 'error' ? '错误' : '提示'} ${problem.cells.join('、') || ''} ${problem.message.zh}`,
    );
  }
  lines.push(
    `${STATUS[report.status]}：${report.counts.rows} 行（已有指标 ${report.counts.matched}，新指标 ${report.counts.new}），` +
      `目标 ${report.counts.targets}，基期值 ${report.counts.baselines}` +
      (report.status === 'published'
        ? `，写入事件 ${report.counts.events}（修订目标 ${report.counts.revisedTargets}）`
        : ''),
  );
  return lines.join('\n');
}
