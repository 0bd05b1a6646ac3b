import { convertUnit } from '../../domain/units.ts';
import type { Comparator } from '../../domain/vocabulary.ts';
import type { SeriesValue } from '../series/value.ts';
import { valueInUnit } from './in-unit.ts';
import type { IndicatorDoc, RegionDoc } from './inputs.ts';
import type { ProgressRow } from './row.ts';

type Path = { year: number; value: number }[];

export interface Trajectory {
  region: { code: string; name: string | null };
  indicator: IndicatorDoc;
  /** The unit of every value below: the indicator's (a target's path that cannot convert keeps its own). */
  unit: string;
  series: {
    part: { code: string; name: string } | null;
    points: {
      year: number;
      value: number | null;
      comparator: Comparator | null;
      stated?: { value: number; unit: string };
      /** Revised at least once: `history` lists every statement, the current one last. */
      revised: boolean;
      revisions: number;
      history: {
        change: string;
        comparator: Comparator;
        value: number;
        unit: string;
        occurredAt: string;
        recordedAt: string;
      }[];
    }[];
  }[];
  targets: {
    planId: string;
    part: string | null;
    tier: string | null;
    year: number;
    basis: string;
    comparator: Comparator;
    value: number;
    unit: string;
    revised: boolean;
    status: ProgressRow['status'];
    final: boolean;
    ratio: number | null;
    method: string;
    /** The projection in the target year, in the paths' unit, and why it is uncertain (if it is). */
    projection: { value: number; fitted: number; uncertain: boolean; doubts: string[] } | null;
    unitOfPaths: string;
    baseline: { year: number; value: number } | null;
    requiredPath: Path;
    projectedPath: Path;
  }[];
}

/**
 * One region's indicator, ready to draw: the actual points per part (in the indicator's unit, revisions marked),
 * and per target its required path from the baseline and the path the least-squares trend projects.
 */
export function trajectoryOf(
  region: RegionDoc | undefined,
  regionCode: string,
  indicator: IndicatorDoc,
  values: readonly SeriesValue[],
  rows: readonly ProgressRow[],
): Trajectory {
  const unit = indicator.unit;
  const parts = new Map<string, Trajectory['series'][number]>();
  for (const v of values) {
    if (!v.current) continue;
    const key = v.part ?? '';
    let series = parts.get(key);
    if (!series) {
      const name = indicator.parts.find((p) => p.code === v.part)?.name ?? v.part;
      series = { part: v.part === null ? null : { code: v.part, name: name ?? v.part }, points: [] };
      parts.set(key, series);
    }
    series.points.push({
      year: v.year,
      ...valueInUnit(v, unit),
      revised: v.revisions > 0,
      revisions: v.revisions,
      history: v.history.map(({ change, comparator, value, unit, occurredAt, recordedAt }) => ({
        change,
        comparator,
        value,
        unit,
        occurredAt,
        recordedAt,
      })),
    });
  }
  return {
    region: { code: regionCode, name: region?.name ?? null },
    indicator,
    unit,
    series: [...parts.values()],
    targets: rows.map((row) => {
      // Paths are in the row's unit; drawn in the indicator's when it converts.
      const convertible = convertUnit(1, row.unit, unit) !== undefined;
      const inUnit = (value: number) =>
        convertible ? (convertUnit(value, row.unit, unit) as number) : value;
      const path = (p: Path) => p.map(({ year, value }) => ({ year, value: inUnit(value) }));
      return {
        planId: row.planId,
        part: row.part?.code ?? null,
        tier: row.tier,
        year: row.targetYear,
        basis: row.basis,
        comparator: row.target.comparator,
        value: row.target.value,
        ...(row.target.upper === undefined ? {} : { upper: row.target.upper }),
        unit: row.target.unit,
        revised: row.target.revised,
        status: row.status,
        final: row.final,
        ratio: row.ratio,
        method: row.calculation.method,
        projection: row.projection
          ? {
              value: inUnit(row.projection.value),
              fitted: inUnit(row.projection.fitted),
              uncertain: row.projection.uncertain,
              doubts: row.projection.doubts,
            }
          : null,
        unitOfPaths: convertible ? unit : row.unit,
        baseline: row.baseline ? { year: row.baseline.year, value: inUnit(row.baseline.value) } : null,
        requiredPath: path(row.requiredPath),
        projectedPath: path(row.projectedPath),
      };
    }),
  };
}
