import { type ProgressStatus, STATUSES } from '../../domain/progress/status.ts';
import { cmp, type ProgressRow } from '../progress/row.ts';

export type StatusCounts = Record<ProgressStatus, number>;

export interface Scorecard {
  planId: string;
  total: number;
  counts: StatusCounts;
  byCategory: { category: string; total: number; counts: StatusCounts }[];
  byRegion: { region: { code: string; name: string | null }; total: number; counts: StatusCounts }[];
}

const zero = (): StatusCounts => Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;

/** Targets counted by status: for the plan, per indicator category and per region. A query over progress rows. */
export function scorecardOf(planId: string, rows: readonly ProgressRow[]): Scorecard {
  const counts = zero();
  const byCategory = new Map<string, StatusCounts>();
  const byRegion = new Map<string, { name: string | null; counts: StatusCounts }>();
  for (const row of rows) {
    counts[row.status]++;
    const category = byCategory.get(row.indicator.category) ?? zero();
    category[row.status]++;
    byCategory.set(row.indicator.category, category);
    const region = byRegion.get(row.region.code) ?? { name: row.region.name, counts: zero() };
    region.counts[row.status]++;
    byRegion.set(row.region.code, region);
  }
  const total = (c: StatusCounts) => STATUSES.reduce((sum, s) => sum + c[s], 0);
  return {
    planId,
    total: rows.length,
    counts,
    byCategory: [...byCategory]
      .sort(([a], [b]) => cmp(a, b))
      .map(([category, c]) => ({ category, total: total(c), counts: c })),
    byRegion: [...byRegion]
      .sort(([a], [b]) => cmp(a, b))
      .map(([code, r]) => ({ region: { code, name: r.name }, total: total(r.counts), counts: r.counts })),
  };
}
