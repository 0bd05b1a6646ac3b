import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.ts';
import type { SeriesValue } from '../series/value.ts';

/** When a report year's values are due: month and day of the following year, end of that day in China time. */
export interface ReportDeadline {
  month: number;
  day: number;
}

export const DEFAULT_REPORT_DEADLINE: ReportDeadline = { month: 3, day: 31 };

/** `MM-DD` (03-31), or undefined when it is not a day of the year. */
export function parseReportDeadline(text: string): ReportDeadline | undefined {
  const match = /^(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [month, day] = [Number(match[1]), Number(match[2])];
  // 2016 is a leap year: 02-29 is allowed (a year without it simply has the deadline on 03-01).
  const date = new Date(Date.UTC(2016, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? { month, day } : undefined;
}

/** The deadline of a report year as an instant: the end of MM-DD of the next year, China time (UTC+8). */
export function deadlineOf(year: number, deadline: ReportDeadline): Date {
  return new Date(Date.UTC(year + 1, deadline.month - 1, deadline.day + 1) - 8 * 3_600_000);
}

export interface YearCompleteness {
  year: number;
  /** Values the plan expects of the region: one per indicator and part its targets name. */
  expected: number;
  /** How many of them have a current value for the year. */
  reported: number;
  /** reported / expected (0 when nothing is expected). */
  share: number;
  /** The latest statement of the year's values (an import or the API), by when it was made. */
  lastReportAt: string | null;
  /** The deadline of the report year (REPORT_DEADLINE of the next year). */
  deadline: string;
  /** Every reported value was first reported by the deadline; null when none is reported. */
  inByDeadline: boolean | null;
}

export interface RegionCompleteness {
  region: { code: string; name: string };
  /** The region's targets in the plan whose series has no value in any report year: no_data, nothing reported. */
  targetsNeverReported: number;
  targets: number;
  years: YearCompleteness[];
}

export interface PlanCompleteness {
  planId: string;
  period: { start: number; end: number };
  regions: RegionCompleteness[];
}

const keyOf = (indicator: string, part: string) => `${indicator}|${part}`;

/**
 * Completeness and timeliness of a plan's reports (as DHIS2's reporting rate and timeliness): per region the plan
 * sets targets for, per report year of the plan period, how many of the values its targets name have been
 * reported, and whether they came in by the deadline. Read from the catalog and series_values (one query each);
 * undefined for an unknown plan.
 */
export async function planCompleteness(
  db: Kysely<Database>,
  planId: string,
  options: { region?: string | undefined; year?: number | undefined; deadline: ReportDeadline },
): Promise<PlanCompleteness | undefined> {
  const plan = await db
    .selectFrom('catalog_plans')
    .select(['plan_id', 'region_code', 'period_start', 'period_end'])
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (!plan) return undefined;
  let targetQuery = db
    .selectFrom('catalog_targets as t')
    .innerJoin('catalog_regions as r', 'r.code', 't.region_code')
    .select(['t.region_code', 'r.name', 't.indicator_code', 't.part'])
    .where('t.plan_id', '=', planId)
    .where('t.withdrawn', 'is', null);
  if (options.region) targetQuery = targetQuery.where('t.region_code', '=', options.region);
  const targets = await targetQuery.execute();
  const regionCodes = [...new Set(targets.map((t) => t.region_code))].sort();
  const values =
    regionCodes.length === 0
      ? []
      : await db
          .selectFrom('series_values')
          .select(['region_code', 'indicator_code', 'part', 'year', 'doc'])
          .where('region_code', 'in', regionCodes)
          .where('year', '>=', plan.period_start)
          .where('year', '<=', plan.period_end)
          .where('value', 'is not', null)
          .execute();
  const years = Array.from(
    { length: plan.period_end - plan.period_start + 1 },
    (_, i) => plan.period_start + i,
  ).filter((year) => options.year === undefined || year === options.year);

  const regions: RegionCompleteness[] = regionCodes.map((code) => {
    const own = targets.filter((t) => t.region_code === code);
    const expected = new Set(own.map((t) => keyOf(t.indicator_code, t.part)));
    const reportedValues = values.filter(
      (v) => v.region_code === code && expected.has(keyOf(v.indicator_code, v.part)),
    );
    const everReported = new Set(reportedValues.map((v) => keyOf(v.indicator_code, v.part)));
    return {
      region: { code, name: own[0]?.name ?? code },
      targets: own.length,
      targetsNeverReported: own.filter((t) => !everReported.has(keyOf(t.indicator_code, t.part))).length,
      years: years.map((year) => {
        const ofYear = reportedValues
          .filter((v) => v.year === year)
          .map((v) => v.doc as unknown as SeriesValue);
        const deadline = deadlineOf(year, options.deadline);
        let last: string | null = null;
        let late = false;
        for (const value of ofYear) {
          const latest = value.history.at(-1)?.occurredAt ?? null;
          if (latest && (last === null || Date.parse(latest) > Date.parse(last))) last = latest;
          const first = value.history.find((change) => change.change !== 'retracted')?.occurredAt;
          if (first && Date.parse(first) > deadline.getTime()) late = true;
        }
        return {
          year,
          expected: expected.size,
          reported: ofYear.length,
          share: expected.size === 0 ? 0 : ofYear.length / expected.size,
          lastReportAt: last,
          deadline: deadline.toISOString(),
          inByDeadline: ofYear.length === 0 ? null : !late,
        };
      }),
    };
  });
  return { planId, period: { start: plan.period_start, end: plan.period_end }, regions };
}
