import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { PeriodLocked, refuseLockedYear } from '../../approval/refuse-locked.ts';
import { handleCommands } from '../../commands/handle.ts';
import type { ReportValue, RetractValue } from '../../domain/commands.ts';
import { evolve, initialState } from '../../domain/decide.ts';
import { DomainError } from '../../domain/errors.ts';
import { type PlanEvent, streams } from '../../domain/events.ts';
import { convertUnit } from '../../domain/units.ts';
import { upcast } from '../../domain/upcast.ts';
import type { Actor, EventMetadata, ImplausibleConfirmed, IndicatorKind } from '../../domain/vocabulary.ts';
import { judgeOneValue } from '../../imports/judge-one-value.ts';
import { readStream } from '../../store/read-stream.ts';
import { authorizeWrite } from '../auth/authorize.ts';
import type { AppDeps } from '../deps.ts';
import { problem, raise, requestIdOf } from '../problem.ts';
import { problemResponses } from '../schemas/problem.ts';
import { SeriesParams, ValueReport, ValueRetraction, WriteResult } from '../schemas/values.ts';

/**
 * A person's correction of one value, over the API: report (new, revised or unchanged) or retract. The same
 * commands an upload issues, authorised for the region, recorded with the token that made them.
 */

const security = [{ bearer: [] }];

const reportRoute = createRoute({
  method: 'post',
  path: '/regions/{region}/indicators/{indicator}/values',
  tags: ['values'],
  summary:
    "Report or correct one year's value of an indicator in a region (admin, or a reporter for the region)",
  security,
  request: {
    params: SeriesParams,
    body: { required: true, content: { 'application/json': { schema: ValueReport } } },
  },
  responses: {
    201: {
      description: 'Recorded (ValueReported or ValueRevised)',
      content: { 'application/json': { schema: WriteResult } },
    },
    200: {
      description: 'Already recorded: nothing appended',
      content: { 'application/json': { schema: WriteResult } },
    },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

const retractRoute = createRoute({
  method: 'post',
  path: '/regions/{region}/indicators/{indicator}/values/retract',
  tags: ['values'],
  summary: "Retract one year's value (it stays in the history); admin, or a reporter for the region",
  security,
  request: {
    params: SeriesParams,
    body: { required: true, content: { 'application/json': { schema: ValueRetraction } } },
  },
  responses: {
    201: {
      description: 'Retracted (ValueRetracted)',
      content: { 'application/json': { schema: WriteResult } },
    },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

interface IndicatorFacts {
  name: string;
  unit: string;
  kind: IndicatorKind;
  parts: { code: string; name: string }[];
}

/** What a catalog stream (region-…, indicator-…) states, read from the log itself, never behind. */
async function catalogStream(deps: AppDeps, streamId: string) {
  const state = (await readStream(deps.db, streamId)).map(upcast).reduce(evolve, initialState(streamId));
  return state.kind === 'catalog' ? state.state : undefined;
}

/**
 * The region and indicator must be registered, and the part one of the indicator's. Asked of the log, as the
 * commands are decided, so a write right after the catalog is seeded does not depend on a projection's lag.
 */
async function checkSeries(
  deps: AppDeps,
  region: string,
  indicator: string,
  part: string | null,
): Promise<IndicatorFacts> {
  if (!(await catalogStream(deps, streams.region(region)))?.region) {
    raise(404, 'region_not_found', {
      zh: `目录中没有地区 ${region}`,
      en: `no region ${region} in the catalog`,
    });
  }
  const facts = (await catalogStream(deps, streams.indicator(indicator)))?.indicator;
  if (!facts) {
    raise(404, 'indicator_not_found', {
      zh: `目录中没有指标 ${indicator}`,
      en: `no indicator ${indicator} in the catalog`,
    });
  }
  if (part !== null && !facts.parts.some((known) => known.code === part)) {
    const names = facts.parts.map((known) => known.code).join(', ') || '—';
    // The series (region, indicator, part) does not exist, as for an unknown region or indicator.
    raise(
      404,
      'unknown_part',
      {
        zh: `指标 ${indicator} 没有分项 ${part}（可用：${names}）`,
        en: `indicator ${indicator} has no part ${part} (parts: ${names})`,
      },
      { field: 'part', in: 'body' },
    );
  }
  return facts;
}

/** The unit a value is recorded in: the indicator's, or one that converts to it (万张 for 张). */
function unitOf(facts: IndicatorFacts, indicator: string, unit: string | undefined): string {
  if (unit === undefined || unit === facts.unit) return facts.unit;
  if (convertUnit(1, unit, facts.unit) === undefined) {
    // Any unit is well-formed; one that does not convert to the indicator's breaks a rule of the domain.
    raise(
      422,
      'unit_mismatch',
      {
        zh: `单位 ${unit} 不能换算为指标 ${indicator} 的单位 ${facts.unit || '（无）'}`,
        en: `unit ${unit} does not convert to ${facts.unit || '(none)'}, the unit of ${indicator}`,
      },
      { field: 'unit', in: 'body' },
    );
  }
  return unit;
}

function metadataOf(c: Context, deps: AppDeps, actor: Actor): EventMetadata {
  const requestId = requestIdOf(c);
  return {
    actor,
    occurredAt: (deps.now?.() ?? new Date()).toISOString(),
    ...(requestId ? { correlationId: requestId } : {}),
  };
}

/** Appends, brings the read models up to date, and answers with the events recorded. */
async function record(deps: AppDeps, command: ReportValue | RetractValue) {
  const { eventsByCommand, positions } = await handleCommands(deps.db, [command]);
  const events = eventsByCommand[0] ?? [];
  if (events.length > 0) await deps.catchUp();
  return {
    unchanged: events.length === 0,
    events: events.map((event: PlanEvent, index) => ({
      position: positions[index] as number,
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: event.metadata as Record<string, unknown>,
    })),
  };
}

function domainProblem(c: Context, error: unknown) {
  if (error instanceof PeriodLocked) {
    return problem(c, 409, 'period_locked', error.messages, { field: 'year', in: 'body' }) as never;
  }
  if (!(error instanceof DomainError)) throw error;
  // Retracting a value never reported: there is nothing there to retract.
  const status = error.code === 'value_not_reported' ? 404 : 422;
  return problem(c, status, error.code, error.messages) as never;
}

export const valueRoutes = (deps: AppDeps) =>
  new OpenAPIHono()
    .openapi(reportRoute, async (c) => {
      const { region, indicator } = c.req.valid('param');
      const body = c.req.valid('json');
      const actor = await authorizeWrite(c, deps, region);
      const part = body.part ?? null;
      const facts = await checkSeries(deps, region, indicator, part);
      const requestId = requestIdOf(c);
      const unit = unitOf(facts, indicator, body.unit);
      const judged = await judgeOneValue(deps.db, facts, {
        regionCode: region,
        indicatorCode: indicator,
        part,
        year: body.year,
        value: body.value,
        unit,
      });
      if (judged && 'breach' in judged) {
        return problem(c, 422, judged.breach.code, judged.breach.message, {
          field: 'value',
          in: 'body',
        }) as never;
      }
      let implausible: ImplausibleConfirmed | undefined;
      if (judged) {
        const { rule, expectedText, expected, message } = judged.implausible;
        if (body.confirmImplausible !== true) {
          return problem(c, 422, 'value_implausible', message, {
            field: 'value',
            in: 'body',
            implausible: {
              rule,
              expected: expectedText,
              range: expected,
              confirmField: 'confirmImplausible',
            },
          }) as never;
        }
        implausible = { confirmed: true, rule, expected: expectedText };
      }
      try {
        const unit = unitOf(facts, indicator, body.unit);
        const stated = {
          indicatorCode: indicator,
          part,
          comparator: body.comparator,
          value: body.value,
          unit,
        };
        const cause = await refuseLockedYear(deps.db, region, body.year, stated);
        const result = await record(deps, {
          type: 'ReportValue',
          data: {
            regionCode: region,
            indicatorCode: indicator,
            part,
            year: body.year,
            comparator: body.comparator,
            value: body.value,
            unit,
            source: {
              kind: 'api',
              ...(requestId ? { requestId } : {}),
              ...(body.note ? { note: body.note } : {}),
            },
          },
          metadata: { ...metadataOf(c, deps, actor), ...(implausible ? { implausible } : {}), ...cause },
        });
        return c.json(result, result.unchanged ? 200 : 201);
      } catch (error) {
        return domainProblem(c, error);
      }
    })
    .openapi(retractRoute, async (c) => {
      const { region, indicator } = c.req.valid('param');
      const body = c.req.valid('json');
      const actor = await authorizeWrite(c, deps, region);
      const part = body.part ?? null;
      await checkSeries(deps, region, indicator, part);
      const requestId = requestIdOf(c);
      try {
        const cause = await refuseLockedYear(deps.db, region, body.year);
        const result = await record(deps, {
          type: 'RetractValue',
          data: {
            regionCode: region,
            indicatorCode: indicator,
            part,
            year: body.year,
            reason: body.reason,
            source: { kind: 'api', ...(requestId ? { requestId } : {}) },
          },
          metadata: { ...metadataOf(c, deps, actor), ...cause },
        });
        return c.json(result, 201);
      } catch (error) {
        return domainProblem(c, error);
      }
    });
