import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { rejectedStatus } from '../../approval/rejected-status.ts';
import { ImportRequestError } from '../../imports/import-request-error.ts';
import { getImport, listImports } from '../../imports/imports-table.ts';
import { DEFAULT_IMPORT_LIMITS } from '../../imports/limits.ts';
import { confirmationOf } from '../../imports/plausibility-checks.ts';
import { runImport } from '../../imports/run-import.ts';
import { authorizeWrite } from '../auth/authorize.ts';
import type { AppDeps } from '../deps.ts';
import { authorizeFirst } from '../middleware/authorize-first.ts';
import {
  DEFAULT_IMPORT_CONCURRENCY,
  DEFAULT_IMPORT_QUEUE,
  ImportSlots,
  importSlots,
} from '../middleware/import-slots.ts';
import { cursorKey, PageQuery } from '../pagination.ts';
import { notFound, problem } from '../problem.ts';
import { encodeCursor, etagOf, respondWithRead } from '../read-response.ts';
import {
  ImportPage,
  ImportRecord,
  ImportRecordStatus,
  ImportReport,
  ImportUpload,
} from '../schemas/imports.ts';
import { RegionParam } from '../schemas/params.ts';
import { Problem, problemResponses } from '../schemas/problem.ts';
import { notModified } from '../schemas/read.ts';

const security = [{ bearer: [] }];

const uploadRoute = (deps: AppDeps, slots: ImportSlots) =>
  createRoute({
    method: 'post',
    path: '/imports',
    tags: ['imports'],
    summary: "Import a bureau's workbook: every cell becomes an observation or a problem; all or nothing",
    description:
      'Actual values become events (new, revised or unchanged); target cells are compared with the catalog and a ' +
      'difference is a warning, since targets change only through plan documents. Any error-severity problem ' +
      'rejects the whole file (422, every problem listed). The same file again for the same region is a duplicate. ' +
      'Every upload that is checked is kept in the history (GET /imports/{importId}): an imported file, and a ' +
      'dry run or a rejected upload with its report and who tried (they write no values). A request refused ' +
      'before its file is checked (401, 403, 413, a malformed form, an unknown region or plan) is not kept.',
    security,
    // Before the form is read: who is calling (401, 403), then a slot among the imports running (503).
    middleware: [authorizeFirst(deps, 'reporter'), importSlots(slots)] as const,
    request: { body: { required: true, content: { 'multipart/form-data': { schema: ImportUpload } } } },
    responses: {
      201: { description: 'Imported', content: { 'application/json': { schema: ImportReport } } },
      200: {
        description: 'Dry run, or a duplicate of an earlier import',
        content: { 'application/json': { schema: ImportReport } },
      },
      409: {
        description:
          'Rejected: a value falls in a submitted or approved year (period_locked at each such cell)',
        content: { 'application/json': { schema: ImportReport } },
      },
      422: {
        description: 'Rejected: the report lists every problem (or an unknown region or plan, as a problem)',
        content: {
          'application/json': { schema: ImportReport },
          'application/problem+json': { schema: Problem },
        },
      },
      ...problemResponses(400, 401, 403, 413, 415),
      503: {
        description: 'Too many imports at once (imports_busy); Retry-After says when to try again',
        headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } },
        content: { 'application/problem+json': { schema: Problem } },
      },
    },
  });

const listRoute = createRoute({
  method: 'get',
  path: '/imports',
  tags: ['imports'],
  summary: 'Uploaded workbooks (imported, rejected, dry runs), newest first, a page at a time',
  request: {
    query: PageQuery.extend({
      region: RegionParam.optional().meta({ description: "Only this region's imports" }),
      status: ImportRecordStatus.optional().meta({ description: 'Only the uploads with this outcome' }),
    }),
  },
  responses: {
    200: { description: 'A page of imports', content: { 'application/json': { schema: ImportPage } } },
    ...notModified,
    ...problemResponses(400, 401),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/imports/{importId}',
  tags: ['imports'],
  summary: 'One upload (imported, rejected or a dry run) and its report',
  request: { params: z.object({ importId: z.string().min(1).max(100) }) },
  responses: {
    200: { description: 'The import', content: { 'application/json': { schema: ImportRecord } } },
    ...notModified,
    ...problemResponses(400, 401, 404),
  },
});

export const importRoutes = (deps: AppDeps) => {
  const slots = new ImportSlots({
    running: deps.config.importConcurrency ?? DEFAULT_IMPORT_CONCURRENCY,
    waiting: deps.config.importQueue ?? DEFAULT_IMPORT_QUEUE,
  });
  return new OpenAPIHono()
    .openapi(uploadRoute(deps, slots), async (c) => {
      const form = c.req.valid('form');
      const actor = await authorizeWrite(c, deps, form.region);
      const now = deps.now?.() ?? new Date();
      const file = Buffer.from(await form.file.arrayBuffer());
      try {
        const { report } = await runImport(deps.db, {
          file,
          fileName: form.file.name || 'upload.xlsx',
          regionCode: form.region,
          planId: form.plan,
          dryRun: form.dryRun === 'true',
          confirm: confirmationOf(form),
          actor,
          now,
          limits: {
            ...DEFAULT_IMPORT_LIMITS,
            maxFileBytes: deps.config.maxUploadBytes ?? DEFAULT_IMPORT_LIMITS.maxFileBytes,
          },
        });
        if (report.status === 'imported') {
          await deps.catchUp();
          c.header('Location', `/api/v1/imports/${report.importId}`);
          return c.json(report, 201);
        }
        return c.json(report, report.status === 'rejected' ? rejectedStatus(report) : 200);
      } catch (error) {
        if (!(error instanceof ImportRequestError)) throw error;
        return problem(c, error.status, error.code, error.messages, {
          field: error.field,
          in: 'form',
        }) as never;
      }
    })
    .openapi(listRoute, async (c) => {
      const { cursor, limit, region, status } = c.req.valid('query');
      const before = cursorKey(cursor, z.number().int());
      const { imports, last, more } = await listImports(deps.db, {
        limit,
        ...(before === undefined ? {} : { before }),
        ...(region ? { regionCode: region } : {}),
        ...(status ? { status } : {}),
      });
      const body = { imports, nextCursor: more && last !== undefined ? encodeCursor(last) : null };
      return respondWithRead(c, {
        etag: etagOf('imports', region, status, imports[0]?.importId, last, more ? 1 : 0, imports.length),
        json: () => body,
      }) as never;
    })
    .openapi(getRoute, async (c) => {
      const { importId } = c.req.valid('param');
      const record = await getImport(deps.db, importId);
      if (!record) {
        return notFound(c, 'import_not_found', {
          zh: `没有导入记录 ${importId}`,
          en: `no import ${importId}`,
        });
      }
      // An import record never changes once committed.
      return respondWithRead(c, { etag: etagOf('import', record.importId), json: () => record }) as never;
    });
};
