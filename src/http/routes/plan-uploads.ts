import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { DEFAULT_IMPORT_LIMITS } from '../../imports/limits.ts';
import { PlanUploadRequestError } from '../../plan-uploads/plan-upload-request-error.ts';
import { uploadPlan } from '../../plan-uploads/upload-plan.ts';
import { authorizeAdmin } from '../auth/authorize.ts';
import type { AppDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import { PlanUpload, PlanUploadReport } from '../schemas/plan-uploads.ts';
import { Problem, problemResponses } from '../schemas/problem.ts';

const uploadRoute = createRoute({
  method: 'post',
  path: '/plans',
  tags: ['plans'],
  summary: 'Add a plan, or a revision of one, from its indicator table as printed (admin); all or nothing',
  description:
    'The table as the document prints it: a title row, a header row (指标, 基期 or 2020年, 目标 or 2025年, perhaps a ' +
    '省… and a 市… target column, 单位), categories merged down the rows or across, compound (城市：…，农村：…) and ' +
    'tiered (省级>90，市级>80) cells, notes below. Optional 代码, 方向 and 增长方式 columns override what is matched ' +
    'and inferred. `dryRun=true` answers the draft: each row matched to a shared indicator (with its confidence) or ' +
    'a new code, its kind, direction and growth model with what each rests on, its baseline and targets with their ' +
    'cells. Publishing appends the same events the seeds state, each citing the file and cell. With `plan`, the table ' +
    'revises that plan: changed targets become revisions. The same table again is a duplicate.',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'multipart/form-data': { schema: PlanUpload } } } },
  responses: {
    201: { description: 'Published', content: { 'application/json': { schema: PlanUploadReport } } },
    200: {
      description: 'The draft (dry run), or a duplicate of a published table',
      content: { 'application/json': { schema: PlanUploadReport } },
    },
    409: {
      description: 'A plan with this id exists',
      content: { 'application/problem+json': { schema: Problem } },
    },
    422: {
      description:
        'Rejected: the report lists every problem at its cell (or the plan named cannot be revised)',
      content: {
        'application/json': { schema: PlanUploadReport },
        'application/problem+json': { schema: Problem },
      },
    },
    ...problemResponses(400, 401, 403, 413, 415),
  },
});

export const planUploadRoutes = (appDeps: AppDeps) =>
  new OpenAPIHono().openapi(uploadRoute, async (c) => {
    const form = c.req.valid('form');
    const actor = await authorizeAdmin(c, appDeps);
    try {
      const report = await uploadPlan(appDeps.db, {
        file: Buffer.from(await form.file.arrayBuffer()),
        fileName: form.file.name || 'plan.xlsx',
        regionCode: form.region,
        regionName: form.regionName,
        title: form.title,
        issuer: form.issuer,
        issuedOn: form.issuedOn,
        periodStart: form.periodStart === undefined ? undefined : Number(form.periodStart),
        periodEnd: form.periodEnd === undefined ? undefined : Number(form.periodEnd),
        plan: form.plan,
        planId: form.planId,
        dryRun: form.dryRun === 'true',
        actor,
        now: appDeps.now?.() ?? new Date(),
        limits: {
          ...DEFAULT_IMPORT_LIMITS,
          maxFileBytes: appDeps.config.maxUploadBytes ?? DEFAULT_IMPORT_LIMITS.maxFileBytes,
        },
      });
      if (report.status === 'published') {
        await appDeps.catchUp();
        c.header('Location', `/api/v1/plans/${report.plan?.planId}`);
        return c.json(report, 201);
      }
      return c.json(report, report.status === 'rejected' ? 422 : 200);
    } catch (error) {
      if (!(error instanceof PlanUploadRequestError)) throw error;
      return problem(c, error.status, error.code, error.messages, {
        field: error.field,
        in: 'form',
      }) as never;
    }
  });
