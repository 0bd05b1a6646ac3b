import type { PlanEvent } from '../../../src/domain/events.ts';
import { streams } from '../../../src/domain/events.ts';

/**
 * The country at the scale of the benchmarks: 28 provinces × 10 cities × 10 counties (2,800 county-level
 * regions), each province with a plan that states a 2015 target for each of its counties' first 30 indicators,
 * and every county reporting its indicators for 2011–2015. Codes avoid the seeded regions (32…, 37…).
 */
export const PROVINCES = Array.from({ length: 28 }, (_, p) => 41 + p);
export const PERIOD = { start: 2011, end: 2015 };
export const YEARS = [2011, 2012, 2013, 2014, 2015];

const actor = { kind: 'system', id: 'bench', name: 'benchmark' } as const;
const metadata = (occurredAt = '2016-03-01T00:00:00+08:00') => ({ actor, occurredAt });
const document = { kind: 'document', document: '000_0000000000000000.txt', section: 'bench' } as const;

export const provinceCode = (p: number) => `${p}0000`;
export const cityCode = (p: number, c: number) => `${p}${String(c).padStart(2, '0')}00`;
export const countyCode = (p: number, c: number, d: number) =>
  `${p}${String(c).padStart(2, '0')}${String(d).padStart(2, '0')}`;
export const planOf = (p: number) => `bench-${p}-12fyp`;
export const indicatorCode = (i: number) => `bench-indicator-${i}`;

export function* counties(
  provinces: readonly number[] = PROVINCES,
): Generator<{ province: number; code: string }> {
  for (const p of provinces)
    for (let c = 1; c <= 10; c++)
      for (let d = 1; d <= 10; d++) yield { province: p, code: countyCode(p, c, d) };
}

/** A value that grows towards its target year by year (shares stay under 100). */
export const pointValue = (county: number, indicator: number, year: number, revision = 0) =>
  Math.round((20 + ((county * 7 + indicator * 13) % 50) + (year - 2011) * 3 + revision * 0.5) * 10) / 10;

export interface Recorded {
  streamId: string;
  event: PlanEvent;
}

/** Regions, indicators, one plan per province with a 2015 target per county and target indicator. */
export function* catalogEvents(shape: {
  indicators: number;
  targetIndicators: number;
  provinces?: readonly number[];
}): Generator<Recorded> {
  const provinces = shape.provinces ?? PROVINCES;
  for (const p of provinces) {
    const region = (
      code: string,
      name: string,
      level: 'province' | 'city' | 'county',
      parent: string | null,
    ) => ({
      streamId: streams.region(code),
      event: {
        type: 'RegionRegistered',
        data: { code, name, level, parentCode: parent },
        metadata: metadata('2011-01-01T00:00:00+08:00'),
      } as PlanEvent,
    });
    yield region(provinceCode(p), `省${p}`, 'province', null);
    for (let c = 1; c <= 10; c++) {
      yield region(cityCode(p, c), `市${p}${c}`, 'city', provinceCode(p));
      for (let d = 1; d <= 10; d++)
        yield region(countyCode(p, c, d), `县${p}${c}-${d}`, 'county', cityCode(p, c));
    }
  }
  for (let i = 0; i < shape.indicators; i++) {
    yield {
      streamId: streams.indicator(indicatorCode(i)),
      event: {
        type: 'IndicatorDefined',
        data: {
          code: indicatorCode(i),
          name: `基准指标${i}`,
          aliases: [],
          category: `类别${i % 6}`,
          unit: i % 2 === 0 ? '%' : '万户',
          kind: i % 2 === 0 ? 'ratio' : 'count',
          direction: 'increase',
          growth: i % 2 === 0 ? 'linear' : 'compound',
          parts: [],
          source: document,
        },
        metadata: metadata('2011-01-01T00:00:00+08:00'),
      },
    };
  }
  for (const p of provinces) {
    const planId = planOf(p);
    const at = metadata('2011-06-01T00:00:00+08:00');
    yield {
      streamId: streams.plan(planId),
      event: {
        type: 'PlanPublished',
        data: {
          planId,
          regionCode: provinceCode(p),
          title: `省${p}信息化十二五规划`,
          issuer: `省${p}人民政府`,
          issuedOn: '2011-06-01',
          period: PERIOD,
          source: document,
        },
        metadata: at,
      },
    };
    let county = 0;
    for (let c = 1; c <= 10; c++)
      for (let d = 1; d <= 10; d++, county++)
        for (let i = 0; i < shape.targetIndicators; i++) {
          yield {
            streamId: streams.plan(planId),
            event: {
              type: 'TargetSet',
              data: {
                planId,
                regionCode: countyCode(p, c, d),
                indicatorCode: indicatorCode(i),
                part: null,
                tier: null,
                year: 2015,
                basis: 'level',
                comparator: 'gte',
                value: pointValue(county, i, 2015) + 2,
                unit: i % 2 === 0 ? '%' : '万户',
                source: document,
              },
              metadata: at,
            },
          };
        }
  }
}

/**
 * Every county's values of `indicators` indicators for 2011–2015 (ValueReported), then `revisions` of them
 * revised (ValueRevised), spread over the counties.
 */
export function* valueEvents(shape: {
  indicators: number;
  revisions: number;
  provinces?: readonly number[];
}): Generator<Recorded> {
  const list = [...counties(shape.provinces)];
  for (const [index, { code }] of list.entries()) {
    for (let i = 0; i < shape.indicators; i++) {
      for (const year of YEARS) {
        yield {
          streamId: streams.series(code, indicatorCode(i)),
          event: {
            type: 'ValueReported',
            data: {
              regionCode: code,
              indicatorCode: indicatorCode(i),
              part: null,
              year,
              comparator: 'eq',
              value: pointValue(index, i, year),
              unit: i % 2 === 0 ? '%' : '万户',
              source: { kind: 'api', note: 'bench' },
            },
            metadata: metadata(`${year + 1}-03-01T00:00:00+08:00`),
          },
        };
      }
    }
  }
  // Revisions: walk the points in a stride so they land on many series.
  const points = list.length * shape.indicators * YEARS.length;
  for (let r = 0; r < shape.revisions; r++) {
    const point = (r * 7919) % points;
    const index = Math.floor(point / (shape.indicators * YEARS.length));
    const i = Math.floor(point / YEARS.length) % shape.indicators;
    const year = YEARS[point % YEARS.length] ?? 2011;
    const code = list[index]?.code ?? '';
    // Each point is revised at most once (7919 is prime to the number of points).
    const round = 1 + Math.floor((r * 7919) / points);
    yield {
      streamId: streams.series(code, indicatorCode(i)),
      event: {
        type: 'ValueRevised',
        data: {
          regionCode: code,
          indicatorCode: indicatorCode(i),
          part: null,
          year,
          comparator: 'eq',
          value: pointValue(index, i, year, round),
          previous: { comparator: 'eq', value: pointValue(index, i, year), unit: i % 2 === 0 ? '%' : '万户' },
          unit: i % 2 === 0 ? '%' : '万户',
          source: { kind: 'api', note: 'bench revision' },
        },
        metadata: metadata(`2017-0${1 + (round % 9)}-02T00:00:00+08:00`),
      },
    };
  }
}
