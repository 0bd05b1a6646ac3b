import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type IndicatorView, listIndicators } from '../../projections/catalog/indicators.ts';
import type { AppDeps } from '../deps.ts';
import { projectionPosition } from '../projection-tag.ts';
import { type CsvColumn, etagOf, respondWithQuery } from '../read-response.ts';
import { IndicatorList, IndicatorQuery } from '../schemas/indicators.ts';
import { problemResponses } from '../schemas/problem.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/indicators',
  tags: ['plans'],
  summary: 'Every indicator of the catalog, with its baselines and targets per region',
  description:
    'Includes context indicators: those a document reports a baseline for (the year before the plan period) but ' +
    'sets no target for (`hasTarget=false`). Each target lists every citation that states its current value. ' +
    'ETag from the catalog and progress positions (304 on If-None-Match); CSV (UTF-8 with BOM) with ' +
    '`Accept: text/csv` or `?format=csv`, one row per baseline or target.',
  request: { query: IndicatorQuery },
  responses: {
    200: {
      description: 'The indicators',
      content: {
        'application/json': { schema: IndicatorList },
        'text/csv': { schema: z.string().openapi({ description: 'One row per baseline or target' }) },
      },
    },
    304: { description: 'Not modified: the If-None-Match ETag is current' },
    ...problemResponses(400, 401),
  },
});

interface Row {
  indicator: IndicatorView;
  regionCode: string;
  kind: 'baseline' | 'target';
  planId?: string;
  part: string | null;
  tier?: string | null;
  year: number;
  basis?: string;
  comparator: string;
  value: number;
  upper?: number | null;
  unit: string;
  printedName?: string | null;
  source: Record<string, unknown>;
  citations?: Record<string, unknown>[];
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

const columns: CsvColumn<Row>[] = [
  { header: 'category', value: (row) => row.indicator.category },
  { header: 'indicatorCode', value: (row) => row.indicator.code },
  { header: 'indicatorName', value: (row) => row.indicator.name },
  { header: 'regionCode', value: (row) => row.regionCode },
  { header: 'kind', value: (row) => row.kind },
  { header: 'planId', value: (row) => row.planId },
  { header: 'part', value: (row) => row.part },
  { header: 'tier', value: (row) => row.tier },
  { header: 'year', value: (row) => row.year },
  { header: 'basis', value: (row) => row.basis },
  { header: 'comparator', value: (row) => row.comparator },
  { header: 'value', value: (row) => row.value },
  { header: 'upper', value: (row) => row.upper },
  { header: 'unit', value: (row) => row.unit },
  { header: 'printedName', value: (row) => row.printedName },
  { header: 'printed', value: (row) => text(row.source.printed) },
  { header: 'title', value: (row) => text(row.source.title) },
  { header: 'section', value: (row) => text(row.source.section) },
  { header: 'document', value: (row) => text(row.source.document) },
  { header: 'citations', value: (row) => row.citations?.length },
];

const rowsOf = (indicators: IndicatorView[]): Row[] =>
  indicators.flatMap((indicator) =>
    indicator.regions.flatMap((region) => [
      ...region.baselines.map(
        (b): Row => ({ indicator, regionCode: region.regionCode, kind: 'baseline', ...b }),
      ),
      ...region.targets.map((t): Row => ({ indicator, regionCode: region.regionCode, kind: 'target', ...t })),
    ]),
  );

export const indicatorRoutes = (deps: AppDeps) =>
  new OpenAPIHono().openapi(listRoute, async (c) => {
    const { region, plan, category, hasTarget } = c.req.valid('query');
    // The positions first, then the data: the data can only be newer than the tag, never older.
    const [catalog, progress] = await Promise.all([
      projectionPosition(deps.db, 'catalog'),
      projectionPosition(deps.db, 'progress'),
    ]);
    const filter = {
      region,
      plan,
      category,
      hasTarget: hasTarget === undefined ? undefined : hasTarget === 'true',
    };
    return (await respondWithQuery(c, {
      etag: etagOf('indicators', catalog, progress, region, plan, category, hasTarget),
      load: () => listIndicators(deps.db, filter),
      json: (indicators) => ({ indicators }),
      csv: { filename: 'indicators.csv', rows: rowsOf, columns },
    })) as never;
  });
