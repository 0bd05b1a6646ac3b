import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { seriesHistory } from '../../imports/value-history.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../problem.ts';
import { etagOf, respondWithRead } from '../read-response.ts';
import { SeriesHistory } from '../schemas/imports.ts';
import { RegionParam } from '../schemas/params.ts';
import { problemResponses } from '../schemas/problem.ts';
import { notModified } from '../schemas/read.ts';

const historyRoute = createRoute({
  method: 'get',
  path: '/regions/{region}/indicators/{indicator}/history',
  tags: ['imports'],
  summary:
    "Every value ever reported, revised or retracted for a region's indicator, with who, when, file and cell",
  description: 'JSON, or CSV with `?format=csv` or `Accept: text/csv`.',
  request: {
    params: z.object({
      region: RegionParam,
      indicator: z.string().min(1).max(100).openapi({ example: 'broadband-subscribers' }),
    }),
  },
  responses: {
    200: {
      description: 'The history, oldest first',
      content: { 'application/json': { schema: SeriesHistory }, 'text/csv': { schema: z.string() } },
    },
    ...notModified,
    ...problemResponses(400, 401, 404),
  },
});

export const historyRoutes = (deps: AppDeps) =>
  new OpenAPIHono().openapi(historyRoute, async (c) => {
    const { region, indicator } = c.req.valid('param');
    const [regionRow, indicatorRow] = await Promise.all([
      deps.db
        .selectFrom('catalog_regions')
        .select(['code', 'name'])
        .where('code', '=', region)
        .executeTakeFirst(),
      deps.db
        .selectFrom('catalog_indicators')
        .select(['code', 'name', 'unit'])
        .where('code', '=', indicator)
        .executeTakeFirst(),
    ]);
    if (!regionRow)
      return notFound(c, 'region_not_found', { zh: `没有地区 ${region}`, en: `no region ${region}` });
    if (!indicatorRow) {
      return notFound(c, 'indicator_not_found', {
        zh: `没有指标 ${indicator}`,
        en: `no indicator ${indicator}`,
      });
    }
    const { entries, version } = await seriesHistory(deps.db, region, indicator);
    return respondWithRead(c, {
      etag: etagOf('history', region, indicator, version),
      json: () => ({ region: regionRow, indicator: indicatorRow, entries }),
      csv: {
        filename: `history-${region}-${indicator}.csv`,
        rows: () => entries,
        columns: [
          { header: 'position', value: (e) => e.position },
          { header: 'type', value: (e) => e.type },
          { header: 'part', value: (e) => e.part },
          { header: 'year', value: (e) => e.year },
          { header: 'comparator', value: (e) => e.comparator },
          { header: 'value', value: (e) => e.value },
          { header: 'unit', value: (e) => e.unit },
          {
            header: 'previous',
            value: (e) => (e.previous ? `${e.previous.comparator} ${e.previous.value}` : ''),
          },
          { header: 'actor', value: (e) => e.actor?.name },
          { header: 'occurredAt', value: (e) => e.occurredAt },
          { header: 'recordedAt', value: (e) => e.recordedAt },
          { header: 'file', value: (e) => e.file },
          { header: 'cell', value: (e) => e.cell },
          { header: 'printed', value: (e) => e.printed },
          {
            header: 'implausible',
            value: (e) =>
              e.implausible ? `已确认的异常值 (${e.implausible.rule}, ${e.implausible.expected})` : '',
          },
        ],
      },
    }) as never;
  });
