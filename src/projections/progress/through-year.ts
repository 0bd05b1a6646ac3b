import { assessProgress } from '../../domain/progress/assess.ts';
import type { Direction, GrowthModel } from '../../domain/vocabulary.ts';
import { assessedFields, type PointUsed, type ProgressRow } from './row.ts';
import type { ProgressSource } from './source.ts';

/**
 * The picture an evaluation draws "through" a report year: every target assessed on the values of the report
 * years up to and including it (the mid-term evaluation is throughYear 2013), whenever they were recorded.
 * `asOf` answers a different question (what the record held at an instant); the two combine.
 */

/** A row reassessed on its values of report years ≤ `throughYear` (pure: a row carries all its inputs). */
export function rowThroughYear(row: ProgressRow, throughYear: number): ProgressRow {
  const { calculation } = row;
  const all: PointUsed[] = [
    ...calculation.pointsUsed,
    ...calculation.pointsIgnored.map(({ reason: _reason, ...point }) => point),
  ];
  const observations = all.filter((p) => p.year <= throughYear).sort((a, b) => a.year - b.year);
  const assessment = assessProgress({
    direction: row.indicator.direction as Direction,
    growth: row.indicator.growth as GrowthModel,
    basis: row.basis,
    baseYear: calculation.baseYear,
    target: {
      year: row.targetYear,
      comparator: row.target.comparator,
      value: row.target.value,
      upper: row.target.upper,
    },
    observations,
  });
  return {
    ...row,
    ...assessedFields(
      assessment,
      observations,
      calculation.baseYear,
      calculation.observedPart,
      calculation.unconvertible.filter((u) => u.year <= throughYear),
    ),
  };
}

/** A source that answers through a report year: rows reassessed, values of later years left out. */
export function throughYearSource(source: ProgressSource, throughYear: number): ProgressSource {
  const values: ProgressSource['values'] = async (filter) =>
    filter.year !== undefined && filter.year > throughYear
      ? []
      : (await source.values(filter)).filter((v) => v.year <= throughYear);
  return {
    version: `${source.version}:through:${throughYear}`,
    plan: (planId) => source.plan(planId),
    indicator: (code) => source.indicator(code),
    regions: () => source.regions(),
    async rows({ status, ...filter }) {
      // The stored status is today's: filter on the reassessed one.
      const rows = (await source.rows(filter)).map((row) => rowThroughYear(row, throughYear));
      return status === undefined ? rows : rows.filter((row) => row.status === status);
    },
    values,
    async latestYear(indicatorCode) {
      const years = (await values({ indicatorCode })).map((v) => v.year);
      return years.length ? Math.max(...years) : undefined;
    },
  };
}
