import { assembleEvaluation, type Evaluation } from '../../domain/evaluation/evaluation.ts';
import type { ProgressSource } from '../progress/source.ts';
import { throughYearSource } from '../progress/through-year.ts';

/**
 * A plan's evaluation for one region through a report year, from a progress source (live, or as of a time).
 * Undefined when the plan does not exist (in that source).
 */
export async function evaluationOf(
  source: ProgressSource,
  query: { planId: string; regionCode?: string; throughYear?: number },
): Promise<Evaluation | undefined> {
  const plan = await source.plan(query.planId);
  if (!plan) return undefined;
  const throughYear = query.throughYear ?? plan.period.end;
  const regionCode = query.regionCode ?? plan.regionCode;
  const through = throughYearSource(source, throughYear);
  const [rows, regions] = await Promise.all([
    through.rows({ planId: plan.planId, regionCode }),
    source.regions(),
  ]);
  return assembleEvaluation({
    plan: { planId: plan.planId, title: plan.title, period: plan.period },
    region: { code: regionCode, name: regions.find((r) => r.code === regionCode)?.name ?? null },
    throughYear,
    targets: rows,
  });
}
