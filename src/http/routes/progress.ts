import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.ts';
import { STATUSES } from '../../domain/progress/status.ts';
import { asOfSource } from '../../projections/as-of.ts';
import { approvedSource } from '../../projections/periods/approved-source.ts';
import { approvedKey, approvedYears, PERIODS_PROJECTION } from '../../projections/periods/approved-years.ts';
import type { ProgressRow } from '../../projections/progress/row.ts';
import { PROGRESS_PROJECTION, type ProgressSource, tablesSource } from '../../projections/progress/source.ts';
import { throughYearSource } from '../../projections/progress/through-year.ts';
import { trajectoryOf } from '../../projections/progress/trajectory.ts';
import { type Comparison as ComparisonView, compareOf } from '../../projections/scorecard/compare.ts';
import { scorecardOf } from '../../projections/scorecard/scorecard.ts';
import { approvedAsOf, approvedOnly } from '../approved-query.ts';
import { BodyCache } from '../body-cache.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../problem.ts';
import { projectionPosition } from '../projection-tag.ts';
import { type CsvColumn, etagOfKey, readKey, respondWithCachedRead, wantsCsv } from '../read-response.ts';
import { RegionParam } from '../schemas/params.ts';
import { problemResponses } from '../schemas/problem.ts';
import { Comparison, ProgressList, ReadQuery, Scorecard, Status, Trajectory } from '../schemas/progress.ts';
import { notModified } from '../schemas/read.ts';

const READ_NOTE =
  'Every read: `asOf=<ISO time>` answers from the events recorded up to then (what the dashboard showed on ' +
  'that date); `throughYear=<year>` from the values of report years up to and including it (2013: the ' +
  'mid-term picture), whenever recorded; an ETag from the progress projection’s checkpoint (or the events up to asOf) and the query, ' +
  'with 304 on If-None-Match; CSV (UTF-8 with BOM) with `?format=csv` or `Accept: text/csv`.';
const content = (schema: z.ZodType, csv: string) => ({
  'application/json': { schema },
  'text/csv': { schema: z.string().openapi({ description: csv }) },
});

const PlanParam = z.object({ planId: z.string().min(1).max(100).openapi({ example: 'lianyungang-12fyp' }) });

const progressRoute = createRoute({
  method: 'get',
  path: '/plans/{planId}/progress',
  tags: ['progress'],
  summary:
    'Every target of a plan: baseline, latest actual, required and actual rates, projection, gap, status',
  description:
    'One row per target (region, indicator, part or tier, target year, basis), with the inputs of its ' +
    'calculation (points used, rates, method, notes) so that it can be checked by hand. The status follows ' +
    'the growth-ratio method (Open SDG / Statistics Canada): achieved when the latest actual proves the target ' +
    'met (an approximate target within ±5 %; a bound or ≈ actual that may fall either side proves nothing), ' +
    'else on_track (ratio ≥ 0.95), moderate (≥ 0.6), insufficient (≥ 0), regressing (< 0); no_data below two ' +
    'actual values. Once the target year is reported the outcome is final: achieved or not_achieved, with ' +
    '`completion` (完成率 and gap). A tier target (省级/市级/县级) is assessed against the ' +
    'values reported for that tier (part province/city/county), else no_data. ' +
    READ_NOTE,
  request: {
    params: PlanParam,
    query: ReadQuery.extend({
      region: RegionParam.optional(),
      category: z.string().min(1).optional().openapi({ example: '信息基础设施' }),
      status: Status.optional(),
    }),
  },
  responses: {
    200: { description: 'The rows', content: content(ProgressList, 'One row per target') },
    ...notModified,
    ...problemResponses(400, 401, 404, 422),
  },
});

const scorecardRoute = createRoute({
  method: 'get',
  path: '/plans/{planId}/scorecard',
  tags: ['progress'],
  summary: "A plan's targets counted by status: overall, per category and per region",
  description: READ_NOTE,
  request: { params: PlanParam, query: ReadQuery },
  responses: {
    200: {
      description: 'The counts',
      content: content(Scorecard, 'One row per scope (plan, category, region)'),
    },
    ...notModified,
    ...problemResponses(400, 401, 404, 422),
  },
});

const trajectoryRoute = createRoute({
  method: 'get',
  path: '/regions/{region}/indicators/{indicator}/trajectory',
  tags: ['progress'],
  summary: "One region's indicator, ready to draw: actual points, required and projected paths, targets",
  description:
    "Actual points per part in the indicator's unit (revised ones marked, with their history); for each " +
    'target its required path from the baseline (linear or compound) and the path of the least-squares trend ' +
    '(log-linear for compound indicators). ' +
    READ_NOTE,
  request: {
    params: z.object({
      region: RegionParam,
      indicator: z.string().min(1).max(100).openapi({ example: 'broadband-subscribers' }),
    }),
    query: ReadQuery,
  },
  responses: {
    200: {
      description: 'The trajectory',
      content: content(Trajectory, 'One row per point: actual, required, projected or target'),
    },
    ...notModified,
    ...problemResponses(400, 401, 404, 422),
  },
});

const compareRoute = createRoute({
  method: 'get',
  path: '/indicators/{indicator}/compare',
  tags: ['progress'],
  summary: 'One indicator across regions for a year, with each region’s targets and their status',
  description: `Values in the indicator's unit; \`year\` defaults to the latest year reported. ${READ_NOTE}`,
  request: {
    params: z.object({ indicator: z.string().min(1).max(100).openapi({ example: 'broadband-subscribers' }) }),
    query: ReadQuery.extend({
      year: z.coerce.number().int().min(2000).max(2100).optional().openapi({ example: 2013 }),
    }),
  },
  responses: {
    200: { description: 'The comparison', content: content(Comparison, 'One row per region and part') },
    ...notModified,
    ...problemResponses(400, 401, 404, 422),
  },
});

/**
 * The live read model at its checkpoint (one query shared by concurrent requests, read after each of them
 * arrived: src/http/projection-tag.ts), or the log as of a time.
 */
export const sourceFor = async (
  db: Kysely<Database>,
  asOf: string | undefined,
  options: { throughYear?: number | undefined; c?: Context } = {},
): Promise<ProgressSource> => {
  const approved = options.c !== undefined && approvedOnly(options.c);
  let source: ProgressSource;
  if (asOf) source = approved ? approvedAsOf() : await asOfSource(db, new Date(asOf));
  else {
    const live = await tablesSource(db, await projectionPosition(db, PROGRESS_PROJECTION));
    source = approved ? await approvedSource(db, live) : live;
  }
  return options.throughYear === undefined ? source : throughYearSource(source, options.throughYear);
};

/**
 * What makes a response differ: the data's version, the route, the query and the representation. The live
 * answers are kept rendered under that key (an as-of answer is folded from the log and not kept).
 */
const tagFor = (
  c: Context,
  source: ProgressSource,
  asOf: string | undefined,
  ...parts: (string | number | undefined)[]
) => {
  const key = readKey(source.version, ...parts, wantsCsv(c) ? 'csv' : 'json');
  return { etag: etagOfKey(key), key: asOf ? undefined : key };
};

/**
 * The row with its latest value marked approved or not: a value of the base year (the plan documents' own) needs
 * no approval; any other counts as approved once its region's year is.
 */
function withApproval<
  R extends { region: { code: string }; latest: { year: number } | null; calculation: { baseYear: number } },
>(row: R, approved: Set<string>): R {
  if (!row.latest) return row;
  const { year } = row.latest;
  return {
    ...row,
    latest: {
      ...row.latest,
      approved: year <= row.calculation.baseYear || approved.has(approvedKey(row.region.code, year)),
    },
  };
}

const noPlan = (c: Context, planId: string, asOf: string | undefined) =>
  notFound(c, 'plan_not_found', {
    zh: asOf ? `${asOf} 时没有规划 ${planId}` : `没有规划 ${planId}`,
    en: asOf ? `no plan ${planId} as of ${asOf}` : `no plan ${planId}`,
  });

const noIndicator = (c: Context, code: string) =>
  notFound(c, 'indicator_not_found', { zh: `没有指标 ${code}`, en: `no indicator ${code}` });

/** The progress list leaves the paths out: the trajectory draws them. */
const withoutPaths = ({ requiredPath: _r, projectedPath: _p, ...row }: ProgressRow) => row;

const progressColumns: CsvColumn<ProgressRow>[] = [
  { header: 'planId', value: (r) => r.planId },
  { header: 'regionCode', value: (r) => r.region.code },
  { header: 'regionName', value: (r) => r.region.name },
  { header: 'category', value: (r) => r.indicator.category },
  { header: 'indicatorCode', value: (r) => r.indicator.code },
  { header: 'indicatorName', value: (r) => r.indicator.name },
  { header: 'part', value: (r) => r.part?.code },
  { header: 'tier', value: (r) => r.tier },
  { header: 'basis', value: (r) => r.basis },
  { header: 'targetYear', value: (r) => r.targetYear },
  { header: 'targetComparator', value: (r) => r.target.comparator },
  { header: 'targetValue', value: (r) => r.target.value },
  { header: 'targetUpper', value: (r) => r.target.upper },
  { header: 'targetUnit', value: (r) => r.target.unit },
  {
    header: 'targetDocument',
    value: (r) => text(r.target.source.kind === 'document' && r.target.source.document),
  },
  { header: 'targetRevised', value: (r) => r.target.revised },
  { header: 'unit', value: (r) => r.unit },
  { header: 'baselineYear', value: (r) => r.baseline?.year },
  { header: 'baselineValue', value: (r) => r.baseline?.value },
  { header: 'baselineFrom', value: (r) => r.baseline?.from },
  { header: 'latestYear', value: (r) => r.latest?.year },
  { header: 'latestValue', value: (r) => r.latest?.value },
  { header: 'method', value: (r) => r.calculation.method },
  { header: 'requiredRate', value: (r) => r.requiredRate },
  { header: 'actualRate', value: (r) => r.actualRate },
  { header: 'ratio', value: (r) => r.ratio },
  { header: 'projectedValue', value: (r) => r.projection?.value },
  { header: 'projectionUncertain', value: (r) => r.projection?.uncertain },
  { header: 'gap', value: (r) => r.gap },
  { header: 'completion', value: (r) => r.completion?.progress },
  { header: 'completionLevel', value: (r) => r.completion?.level },
  { header: 'status', value: (r) => r.status },
  { header: 'final', value: (r) => r.final },
  {
    header: 'pointsUsed',
    value: (r) => r.calculation.pointsUsed.map((p) => `${p.year}:${p.value}`).join(' '),
  },
  { header: 'notes', value: (r) => r.calculation.notes.map((n) => n.code).join(' ') },
];

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

type ScoreLine = {
  scope: string;
  key: string;
  name: string | null;
  total: number;
  counts: Record<string, number>;
};
const scoreColumns: CsvColumn<ScoreLine>[] = [
  { header: 'scope', value: (l) => l.scope },
  { header: 'key', value: (l) => l.key },
  { header: 'name', value: (l) => l.name },
  { header: 'total', value: (l) => l.total },
  ...STATUSES.map((status) => ({ header: status, value: (l: ScoreLine) => l.counts[status] ?? 0 })),
];

type TrajectoryLine = {
  kind: string;
  planId?: string;
  part?: string | null;
  tier?: string | null;
  year: number;
  value: number | null;
  unit: string;
  revised?: boolean;
  status?: string;
};
type CompareLine = ComparisonView['regions'][number];

/** Each app keeps its own rendered answers (tests build several apps over different databases). */
export const progressRoutes = (deps: AppDeps, bodies = new BodyCache(deps.config.readCacheBytes)) =>
  new OpenAPIHono()
    .openapi(progressRoute, async (c) => {
      const { planId } = c.req.valid('param');
      const { asOf, throughYear, region, category, status } = c.req.valid('query');
      // Each row says whether its latest value is approved, as approval stands now (also as of a past time:
      // approval is not kept apart by time). An approval changes the answer, so the periods read model's
      // position is part of its tag.
      const [source, periodsAt] = await Promise.all([
        sourceFor(deps.db, asOf, { throughYear, c }),
        projectionPosition(deps.db, PERIODS_PROJECTION),
      ]);
      const tag = tagFor(c, source, asOf, 'progress', planId, region, category, status, periodsAt);
      return respondWithCachedRead(c, bodies, {
        ...tag,
        load: async () => {
          const filter = { planId, regionCode: region, category, status };
          const [plan, rows, approved] = await Promise.all([
            source.plan(planId),
            source.rows(filter),
            approvedYears(deps.db),
          ]);
          if (!plan) return noPlan(c, planId, asOf);
          return {
            json: () => ({
              planId,
              asOf: asOf ?? null,
              throughYear: throughYear ?? null,
              count: rows.length,
              rows: rows.map((row) => withApproval(withoutPaths(row), approved)),
            }),
            csv: { filename: `progress-${planId}.csv`, rows: () => rows, columns: progressColumns },
          };
        },
      }) as never;
    })
    .openapi(scorecardRoute, async (c) => {
      const { planId } = c.req.valid('param');
      const { asOf, throughYear } = c.req.valid('query');
      const source = await sourceFor(deps.db, asOf, { throughYear, c });
      const tag = tagFor(c, source, asOf, 'scorecard', planId);
      return respondWithCachedRead<ScoreLine>(c, bodies, {
        ...tag,
        load: async () => {
          const [plan, rows] = await Promise.all([source.plan(planId), source.rows({ planId })]);
          if (!plan) return noPlan(c, planId, asOf);
          const card = scorecardOf(planId, rows);
          const lines = (): ScoreLine[] => [
            { scope: 'plan', key: planId, name: null, total: card.total, counts: card.counts },
            ...card.byCategory.map((g) => ({ scope: 'category', key: g.category, name: null, ...g })),
            ...card.byRegion.map((g) => ({ scope: 'region', key: g.region.code, name: g.region.name, ...g })),
          ];
          return {
            json: () => ({ ...card, asOf: asOf ?? null, throughYear: throughYear ?? null }),
            csv: { filename: `scorecard-${planId}.csv`, rows: lines, columns: scoreColumns },
          };
        },
      }) as never;
    })
    .openapi(trajectoryRoute, async (c) => {
      const { region, indicator } = c.req.valid('param');
      const { asOf, throughYear } = c.req.valid('query');
      const source = await sourceFor(deps.db, asOf, { throughYear, c });
      const tag = tagFor(c, source, asOf, 'trajectory', region, indicator);
      return respondWithCachedRead<TrajectoryLine>(c, bodies, {
        ...tag,
        load: async () => {
          const [definition, regions] = await Promise.all([source.indicator(indicator), source.regions()]);
          if (!definition) return noIndicator(c, indicator);
          const regionDoc = regions.find((r) => r.code === region);
          if (!regionDoc)
            return notFound(c, 'region_not_found', { zh: `没有地区 ${region}`, en: `no region ${region}` });
          const [values, rows] = await Promise.all([
            source.values({ indicatorCode: indicator, regionCode: region }),
            source.rows({ regionCode: region, indicatorCode: indicator }),
          ]);
          const trajectory = trajectoryOf(regionDoc, region, definition, values, rows);
          const lines = (): TrajectoryLine[] => [
            ...trajectory.series.flatMap((s) =>
              s.points.map((p) => ({
                kind: 'actual',
                part: s.part?.code ?? null,
                year: p.year,
                value: p.value,
                unit: trajectory.unit,
                revised: p.revised,
              })),
            ),
            ...trajectory.targets.flatMap((t) => [
              ...t.requiredPath.map((p) => ({
                kind: 'required',
                planId: t.planId,
                part: t.part,
                tier: t.tier,
                year: p.year,
                value: p.value,
                unit: t.unitOfPaths,
              })),
              ...t.projectedPath.map((p) => ({
                kind: 'projected',
                planId: t.planId,
                part: t.part,
                tier: t.tier,
                year: p.year,
                value: p.value,
                unit: t.unitOfPaths,
              })),
              {
                kind: 'target',
                planId: t.planId,
                part: t.part,
                tier: t.tier,
                year: t.year,
                value: t.value,
                unit: t.unit,
                revised: t.revised,
                status: t.status,
              },
            ]),
          ];
          return {
            json: () => ({ asOf: asOf ?? null, throughYear: throughYear ?? null, ...trajectory }),
            csv: {
              filename: `trajectory-${region}-${indicator}.csv`,
              rows: lines,
              columns: [
                { header: 'kind', value: (l) => l.kind },
                { header: 'planId', value: (l) => l.planId },
                { header: 'part', value: (l) => l.part },
                { header: 'tier', value: (l) => l.tier },
                { header: 'year', value: (l) => l.year },
                { header: 'value', value: (l) => l.value },
                { header: 'unit', value: (l) => l.unit },
                { header: 'revised', value: (l) => l.revised },
                { header: 'status', value: (l) => l.status },
              ],
            },
          };
        },
      }) as never;
    })
    .openapi(compareRoute, async (c) => {
      const { indicator } = c.req.valid('param');
      const { asOf, throughYear, year } = c.req.valid('query');
      const source = await sourceFor(deps.db, asOf, { throughYear, c });
      const tag = tagFor(c, source, asOf, 'compare', indicator, year);
      return respondWithCachedRead<CompareLine>(c, bodies, {
        ...tag,
        load: async () => {
          const definition = await source.indicator(indicator);
          if (!definition) return noIndicator(c, indicator);
          const compared = year ?? (await source.latestYear(indicator)) ?? null;
          const [values, rows, regions] = await Promise.all([
            compared === null ? [] : source.values({ indicatorCode: indicator, year: compared }),
            source.rows({ indicatorCode: indicator }),
            source.regions(),
          ]);
          const comparison = compareOf(definition, compared, values, rows, regions);
          return {
            json: () => ({ asOf: asOf ?? null, throughYear: throughYear ?? null, ...comparison }),
            csv: {
              filename: `compare-${indicator}-${compared ?? 'none'}.csv`,
              rows: () => comparison.regions,
              columns: [
                { header: 'regionCode', value: (l) => l.region.code },
                { header: 'regionName', value: (l) => l.region.name },
                { header: 'part', value: (l) => l.part },
                { header: 'year', value: () => compared },
                { header: 'value', value: (l) => l.value },
                { header: 'unit', value: () => comparison.unit },
                { header: 'comparator', value: (l) => l.comparator },
                { header: 'revised', value: (l) => l.revised },
                {
                  header: 'targets',
                  value: (l) =>
                    l.targets
                      .map((t) => `${t.planId} ${t.year} ${t.comparator} ${t.value} ${t.unit}: ${t.status}`)
                      .join('; '),
                },
              ],
            },
          };
        },
      }) as never;
    });
