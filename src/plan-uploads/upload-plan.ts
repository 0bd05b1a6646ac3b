import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { handleCommands } from '../commands/handle.ts';
import type { Database } from '../database/schema.ts';
import { draftCommands, type PlanDraft } from '../domain/plan-table/draft.ts';
import { proposedPlanId } from '../domain/plan-table/infer.ts';
import type { Actor, RegionLevel } from '../domain/vocabulary.ts';
import type { ImportCatalog } from '../imports/import-catalog.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../imports/limits.ts';
import { loadImportCatalog } from '../imports/load-catalog.ts';
import { ProblemList } from '../imports/problems.ts';
import { readWorkbook } from '../imports/read-workbook.ts';
import { WorkbookRefused } from '../imports/refusal.ts';
import type { ImportProblem } from '../imports/report.ts';
import { loadSeedCatalog } from '../seeding/seed-catalog.ts';
import { lockWriters } from '../store/index.ts';
import { templateLayout } from '../templates/template-layout.ts';
import { PlanUploadRequestError } from './plan-upload-request-error.ts';
import {
  findPlanUpload,
  insertPlanUpload,
  planUploadDrafts,
  UNIQUE_PLAN_FILE_CONSTRAINT,
} from './plan-uploads-table.ts';
import { readPlanTable } from './read-plan-table.ts';
import { withUploadedPlans } from './uploaded-catalog.ts';

export interface PlanUploadRequest {
  file: Buffer;
  fileName: string;
  regionCode: string;
  /** The region's name, for a region the catalog does not have yet (else taken from the title: 某某市…). */
  regionName?: string | undefined;
  title?: string | undefined;
  issuer?: string | undefined;
  issuedOn?: string | undefined;
  periodStart?: number | undefined;
  periodEnd?: number | undefined;
  /** The published plan this table revises. */
  plan?: string | undefined;
  /** The id of a new plan (else proposed from the region and period: r320700-14fyp). */
  planId?: string | undefined;
  dryRun: boolean;
  actor: Actor;
  now: Date;
  limits?: ImportLimits;
}

export interface PlanUploadReport {
  uploadId: string;
  /** draft: a dry run; published: its events appended; duplicate: this table (or its facts) was published before. */
  status: 'draft' | 'published' | 'duplicate' | 'rejected';
  plan: PlanDraft['plan'] | null;
  region: PlanDraft['region'] | null;
  rows: PlanDraft['rows'];
  counts: {
    rows: number;
    matched: number;
    new: number;
    targets: number;
    baselines: number;
    events: number;
    revisedTargets: number;
    problems: number;
  };
  problems: ImportProblem[];
}

/**
 * A plan's indicator table, uploaded as printed, becomes a draft (dry run) or the catalog events the seeds would
 * state for it, all or nothing: any error rejects the table and writes nothing. A later table of the same plan
 * (`plan`) records what changed as revisions; the same table again is a duplicate. Throws
 * PlanUploadRequestError for a request that cannot name a plan (missing title or period, an unknown plan to revise, an id taken).
 */
export async function uploadPlan(
  db: Kysely<Database>,
  request: PlanUploadRequest,
): Promise<PlanUploadReport> {
  const catalog = await loadImportCatalog(db);
  const meta = planOf(catalog, request);
  const fileSha256 = createHash('sha256').update(request.file).digest('hex');
  const earlier = await findPlanUpload(db, meta.plan.planId, fileSha256);
  if (earlier) return emptyReport(earlier.uploadId, 'duplicate', meta, []);
  const uploadId = randomUUID();
  const problems = new ProblemList();
  let draft: PlanDraft;
  try {
    const workbook = await readWorkbook(request.file, request.limits ?? DEFAULT_IMPORT_LIMITS);
    const rows = await readPlanTable(
      workbook,
      {
        catalog,
        planId: meta.plan.planId,
        regionCode: meta.region.code,
        provinceCode: provinceOf(meta.region.code, catalog),
        period: meta.plan.period,
      },
      problems,
    );
    draft = { ...meta, rows };
  } catch (error) {
    if (!(error instanceof WorkbookRefused)) throw error;
    problems.error(error.code, undefined, error.messages);
    return emptyReport(uploadId, 'rejected', meta, problems.list());
  }
  if (!problems.hasErrors) checkTemplates(draft, await planUploadDrafts(db), problems);
  if (problems.hasErrors) return report(uploadId, 'rejected', draft, problems.list(), 0, 0);
  if (request.dryRun) return report(uploadId, 'draft', draft, problems.list(), 0, 0);

  const commands = draftCommands(
    draft,
    { uploadId, fileName: request.fileName, sha256: fileSha256 },
    { actor: request.actor, occurredAt: request.now.toISOString() },
  );
  try {
    const published = await db.transaction().execute(async (trx) => {
      // Plan uploads queue behind each other: each decides against the catalog the ones before it left.
      await lockWriters(trx, 'catalog');
      const { eventsByCommand } = await handleCommands(trx, commands, { retries: 0 });
      const events = eventsByCommand.flat();
      if (events.length === 0) return undefined;
      await insertPlanUpload(trx, {
        uploadId,
        planId: draft.plan.planId,
        regionCode: draft.region.code,
        fileName: request.fileName,
        fileSha256,
        actor: request.actor,
        draft,
        events: events.length,
        uploadedAt: request.now.toISOString(),
      });
      return {
        events: events.length,
        revised: events.filter((event) => event.type === 'TargetRevised').length,
      };
    });
    // Every fact was stated before (a resaved copy of a published table): nothing new, nothing recorded.
    if (!published) return report(uploadId, 'duplicate', draft, problems.list(), 0, 0);
    return report(uploadId, 'published', draft, problems.list(), published.events, published.revised);
  } catch (error) {
    const { code, constraint, message } = error as { code?: string; constraint?: string; message?: string };
    const sameFile =
      code === '23505' &&
      (constraint === UNIQUE_PLAN_FILE_CONSTRAINT || String(message).includes(UNIQUE_PLAN_FILE_CONSTRAINT));
    const first = sameFile ? await findPlanUpload(db, draft.plan.planId, fileSha256) : undefined;
    if (first) return emptyReport(first.uploadId, 'duplicate', meta, []);
    throw error;
  }
}

type PlanMeta = Pick<PlanDraft, 'plan' | 'region'>;

/**
 * Every plan the table states something for must still have a template once it is published: a table whose facts
 * clash in shape with what the catalog states (a whole target beside the same indicator's tiers or parts) would
 * leave no one cell to write them in, so it is refused instead.
 */
function checkTemplates(draft: PlanDraft, published: PlanDraft[], problems: ProblemList): void {
  const catalog = withUploadedPlans(loadSeedCatalog(), [...published, draft]);
  const plans = new Set([
    draft.plan.planId,
    ...draft.rows.flatMap((row) => row.targets.map((t) => t.planId)),
  ]);
  for (const planId of plans) {
    try {
      templateLayout(catalog, planId);
    } catch (error) {
      const detail = (error as Error).message.slice(0, 300);
      problems.error('plan_table_conflicts', undefined, {
        zh: `本表与目录中规划 ${planId} 已有的目标或基期值形式不一致（如同一指标既有总体数值又有分项或层级数值），发布后无法生成该规划的填报模板：${detail}`,
        en: `The table's figures clash in shape with what the catalog states for plan ${planId} (a whole value beside the same indicator's parts or tiers); published, the plan would have no template: ${detail}`,
      });
    }
  }
}

const requestError = (code: string, field: string, zh: string, en: string, status: 400 | 409 | 422 = 422) =>
  new PlanUploadRequestError(status, code, { zh, en }, field);

/** The plan and region the table is for: a published plan to revise, or a new one from the request's fields. */
function planOf(catalog: ImportCatalog, request: PlanUploadRequest): PlanMeta {
  const known = catalog.regions.get(request.regionCode);
  if (request.plan) {
    const plan = catalog.plans.get(request.plan);
    if (!plan) {
      throw requestError(
        'plan_unknown',
        'plan',
        `目录中没有规划 ${request.plan}。`,
        `There is no plan ${request.plan} in the catalog.`,
      );
    }
    if (plan.regionCode !== request.regionCode) {
      throw requestError(
        'plan_not_for_region',
        'region',
        `规划 ${plan.planId} 属于地区 ${plan.regionCode}，不是 ${request.regionCode}。`,
        `Plan ${plan.planId} belongs to region ${plan.regionCode}, not to ${request.regionCode}.`,
      );
    }
    const region = known ?? {
      code: request.regionCode,
      name: request.regionCode,
      level: 'city',
      parentCode: null,
    };
    return {
      plan: {
        planId: plan.planId,
        regionCode: plan.regionCode,
        title: request.title ?? plan.planId,
        issuer: request.issuer ?? '',
        issuedOn: request.issuedOn ?? request.now.toISOString().slice(0, 10),
        period: plan.period,
        baseYear: plan.period.start - 1,
        revises: plan.planId,
      },
      region: { ...region, level: region.level as RegionLevel, known: true },
    };
  }
  const missing = (['title', 'issuer', 'issuedOn', 'periodStart', 'periodEnd'] as const).find(
    (field) => request[field] === undefined || request[field] === '',
  );
  if (missing) {
    throw requestError(
      'plan_field_required',
      missing,
      `新建规划须填写 ${missing}（规划名称 title、发布机关 issuer、发布日期 issuedOn、期间 periodStart–periodEnd）；修订已有规划请用 plan 指定规划。`,
      `A new plan needs ${missing} (title, issuer, issuedOn, periodStart–periodEnd); to revise a published plan, name it with plan.`,
    );
  }
  const start = Number(request.periodStart);
  const end = Number(request.periodEnd);
  if (!(Number.isInteger(start) && Number.isInteger(end) && start <= end && start >= 2000 && end <= 2100)) {
    throw requestError(
      'plan_period_invalid',
      'periodEnd',
      `规划期间 ${start}–${end} 无效：起止须为年份，且起始不晚于结束。`,
      `The plan period ${start}–${end} is not valid: two years, the first not after the last.`,
    );
  }
  const planId = request.planId ?? proposedPlanId(request.regionCode, end);
  if (catalog.plans.has(planId)) {
    throw requestError(
      'plan_exists',
      'planId',
      `规划 ${planId} 已存在。修订该规划请用 plan=${planId} 上传；新规划请另取 planId。`,
      `Plan ${planId} exists already. To revise it, upload with plan=${planId}; for a new plan, choose another planId.`,
      409,
    );
  }
  const name = known?.name ?? request.regionName ?? regionNameIn(request.title ?? '');
  if (!name) {
    throw requestError(
      'region_name_required',
      'regionName',
      `目录中没有地区 ${request.regionCode}，且无法从规划名称中读出地区名称：请填写 regionName。`,
      `The catalog has no region ${request.regionCode} and the title names none: give its name in regionName.`,
    );
  }
  return {
    plan: {
      planId,
      regionCode: request.regionCode,
      title: request.title ?? '',
      issuer: request.issuer ?? '',
      issuedOn: request.issuedOn ?? '',
      period: { start, end },
      baseYear: start - 1,
    },
    region: known
      ? { ...known, level: known.level as RegionLevel, known: true }
      : {
          code: request.regionCode,
          name,
          level: levelOf(request.regionCode),
          parentCode: parentIn(catalog, request.regionCode),
          known: false,
        },
  };
}

/** 某某市“十四五”信息化发展规划 → 某某市. */
function regionNameIn(title: string): string | undefined {
  return /^([\p{Script=Han}]{1,12}?(?:自治区|省|自治州|市|州|盟|自治县|县|区|旗))/u.exec(title.trim())?.[1];
}

/** GB/T 2260: 320000 a province, 320700 a city, 320703 a county. */
const levelOf = (code: string): RegionLevel =>
  code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'county';

function parentIn(catalog: ImportCatalog, code: string): string | null {
  const level = levelOf(code);
  const candidates =
    level === 'county'
      ? [`${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`]
      : level === 'city'
        ? [`${code.slice(0, 2)}0000`]
        : [];
  return candidates.find((candidate) => catalog.regions.has(candidate)) ?? null;
}

function provinceOf(code: string, catalog: ImportCatalog): string | undefined {
  const province = `${code.slice(0, 2)}0000`;
  return province !== code && catalog.regions.has(province) ? province : undefined;
}

function report(
  uploadId: string,
  status: PlanUploadReport['status'],
  draft: PlanDraft,
  problems: ImportProblem[],
  events: number,
  revisedTargets: number,
): PlanUploadReport {
  const matched = draft.rows.filter((row) => row.indicator.match.kind === 'existing').length;
  return {
    uploadId,
    status,
    plan: draft.plan,
    region: draft.region,
    rows: draft.rows,
    counts: {
      rows: draft.rows.length,
      matched,
      new: draft.rows.length - matched,
      targets: draft.rows.reduce((sum, row) => sum + row.targets.length, 0),
      baselines: draft.rows.reduce((sum, row) => sum + row.baselines.length, 0),
      events,
      revisedTargets,
      problems: problems.length,
    },
    problems,
  };
}

const emptyReport = (
  uploadId: string,
  status: PlanUploadReport['status'],
  meta: PlanMeta,
  problems: ImportProblem[],
) => report(uploadId, status, { ...meta, rows: [] }, problems, 0, 0);
