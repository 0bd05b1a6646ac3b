import { getJson } from './api.js';
import { STATUSES } from './labels.js';

/** Reads of the public API, shaped for the page. */

/** Every plan (following the list's cursor pages). */
export async function loadPlans() {
  const plans = [];
  let cursor;
  do {
    const page = await getJson('/plans', { limit: 100, cursor });
    plans.push(...page.plans);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return plans;
}

/** The plan's context indicators in a region: a baseline its document reports, no target. */
export async function loadContextIndicators(planId, regionCode) {
  const answer = await getJson('/indicators', { plan: planId, region: regionCode, hasTarget: 'false' });
  return answer.indicators;
}

/** The regions a plan sets targets for: its own first, then others (Changzhou's plan states Jiangsu's too). */
export function regionsOfPlan(plan) {
  const codes = new Set([plan.region.code]);
  for (const indicator of plan.indicators)
    for (const target of indicator.targets) codes.add(target.regionCode);
  return [...codes];
}

/**
 * The plan's targets in one region, assessed, and their scorecard: the region's counts by status from the
 * scorecard endpoint, and per category (the plan's categories, in its order) the region's rows counted.
 */
export async function loadProgress(planId, regionCode, query = {}) {
  const plan = `/plans/${encodeURIComponent(planId)}`;
  const [progress, card] = await Promise.all([
    getJson(`${plan}/progress`, { region: regionCode, ...query }),
    getJson(`${plan}/scorecard`, query),
  ]);
  const region = card.byRegion.find((entry) => entry.region.code === regionCode);
  const zero = () => Object.fromEntries(STATUSES.map((s) => [s.key, 0]));
  const categories = new Map(
    card.byCategory.map((c) => [c.category, { category: c.category, total: 0, counts: zero() }]),
  );
  for (const row of progress.rows) {
    const category = row.indicator.category;
    if (!categories.has(category)) categories.set(category, { category, total: 0, counts: zero() });
    const entry = categories.get(category);
    entry.total += 1;
    entry.counts[row.status] += 1;
  }
  return {
    rows: progress.rows,
    scorecard: {
      total: region?.total ?? 0,
      counts: region?.counts ?? zero(),
      categories: [...categories.values()].filter((c) => c.total > 0),
    },
  };
}

/**
 * One target's trajectory, ready to draw, from the trajectory endpoint: the actual points of the target's part
 * (or tier), with their revisions, and the target's required and projected paths, in the indicator's unit.
 */
export async function loadTrajectory(row, regionCode, query = {}) {
  const path = `/regions/${regionCode}/indicators/${encodeURIComponent(row.indicator.code)}/trajectory`;
  const trajectory = await getJson(path, query);
  const observedPart = row.tier ?? row.part?.code ?? null;
  const series = trajectory.series.find((s) => (s.part?.code ?? null) === observedPart);
  const target = trajectory.targets.find(
    (t) =>
      t.planId === row.planId &&
      t.part === (row.part?.code ?? null) &&
      t.tier === row.tier &&
      t.year === row.targetYear &&
      t.basis === row.basis,
  );
  const points = (series?.points ?? []).filter((p) => p.value !== null).sort((a, b) => a.year - b.year);
  const required = target?.requiredPath ?? [];
  const sameUnit = target && target.unit === trajectory.unit && target.basis !== 'annual_growth';
  return {
    view: {
      unit: trajectory.unit,
      basis: row.basis,
      status: target?.status ?? row.status,
      target: {
        year: row.targetYear,
        value: row.target.value,
        comparator: row.target.comparator,
        unit: row.target.unit,
        // The marker sits where the required path ends (the target in the drawing's unit).
        level: sameUnit ? row.target.value : (required.at(-1)?.value ?? null),
      },
      actual: points.map((p) => ({
        year: p.year,
        value: p.value,
        comparator: p.comparator ?? 'eq',
        revisions: p.revised ? revisionsOf(p.history) : [],
      })),
      required,
      projected: target?.projectedPath ?? [],
      projection: target?.projection ?? null,
    },
    points,
  };
}

/** Each revision or retraction of a point: the value before and after, and when it was recorded. */
function revisionsOf(history) {
  const revisions = [];
  for (let i = 1; i < history.length; i++) {
    const entry = history[i];
    if (entry.change === 'reported') continue;
    revisions.push({
      value: entry.change === 'retracted' ? null : entry.value,
      previous: history[i - 1]?.value ?? null,
      at: entry.recordedAt,
    });
  }
  return revisions;
}
