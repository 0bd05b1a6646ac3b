import type { Evaluation, EvaluationTarget } from '../../domain/evaluation/evaluation.ts';
import {
  KIND_WORDS,
  percentForPeople,
  roundForPeople,
  STATUS_WORDS,
  valueForPeople,
} from '../../domain/evaluation/for-people.ts';

/**
 * The evaluation as a table people read: Chinese headers, numbers rounded for people, statuses in words. The
 * CSV, the workbook and the printable page all lay out these columns.
 */
export interface Column {
  header: string;
  /** Width in the workbook, in characters. */
  width: number;
  /** A number the workbook keeps as a number (with this format), or text. */
  cell: (t: EvaluationTarget) => number | string | null;
  numFmt?: string;
}

const TIERS: Record<string, string> = { province: '省级', city: '市级', county: '县级' };

export const targetName = (t: EvaluationTarget) =>
  [t.indicator.name, t.part?.name, t.tier ? TIERS[t.tier] : null].filter(Boolean).join(' · ');

const targetText = (t: EvaluationTarget) =>
  t.basis === 'annual_growth'
    ? `年均增长${valueForPeople(t.target.value, t.target.comparator, '%')}`
    : valueForPeople(
        t.target.value,
        t.target.comparator,
        t.target.unit === t.unit ? '' : t.target.unit,
        t.target.upper,
      );

/** A reported value: a plain number stays a number; a bound (＜50) or ≈ is text. */
const reported = (value: number | null, comparator: string | null) =>
  value === null
    ? null
    : comparator === 'eq' || comparator === null
      ? roundForPeople(value)
      : valueForPeople(value, comparator as 'eq');

export function columnsOf(evaluation: Evaluation): Column[] {
  const [baseYear, ...years] = evaluation.years;
  const columns: Column[] = [
    { header: '类别', width: 14, cell: (t) => t.category },
    { header: '指标', width: 30, cell: targetName },
    {
      header: '单位',
      width: 8,
      cell: (t) => (t.basis === 'annual_growth' ? `${t.unit}（年均增长%）` : t.unit),
    },
    {
      header: `基期值（${baseYear}年）`,
      width: 12,
      cell: (t) => (t.baseline ? reported(t.baseline.value, t.baseline.comparator) : null),
      numFmt: '#,##0.###',
    },
    ...years.map((year) => ({
      header: `${year}年`,
      width: 11,
      cell: (t: EvaluationTarget) => {
        const v = t.values.find((p) => p.year === year);
        return v ? reported(v.value, v.comparator) : null;
      },
      numFmt: '#,##0.###',
    })),
    { header: '目标年', width: 8, cell: (t) => t.targetYear },
    { header: '目标值', width: 14, cell: targetText },
    {
      header: '完成率（实际÷目标）',
      width: 12,
      cell: (t) => (t.completion?.level == null ? null : roundForPeople(t.completion.level, 4)),
      numFmt: '0.0%',
    },
    {
      header: '进度完成率（已完成÷应完成）',
      width: 14,
      cell: (t) => (t.completion?.progress == null ? null : roundForPeople(t.completion.progress, 4)),
      numFmt: '0.0%',
    },
    {
      header: '差距',
      width: 12,
      cell: (t) =>
        t.completion?.gap == null
          ? null
          : t.completion.gap <= 0
            ? '无'
            : valueForPeople(t.completion.gap, 'eq', t.basis === 'annual_growth' ? '个百分点' : t.unit),
    },
    { header: '状态', width: 10, cell: (t) => STATUS_WORDS[t.status] ?? t.status },
    {
      header: '趋势预测（目标年）',
      width: 14,
      cell: (t) =>
        t.final || !t.projection
          ? null
          : `${valueForPeople(t.projection.value, 'eq', t.unit === '%' ? '%' : '')}${t.projection.uncertain ? '（不确定）' : ''}`,
    },
    { header: '出处', width: 40, cell: (t) => t.citation.text },
  ];
  return columns;
}

/** The title a report carries: 《plan》 region 中期评估（2011–2013年数据）. */
export function titleOf(evaluation: Evaluation): string {
  const { plan, region, kind, years } = evaluation;
  return `《${plan.title}》${region.name ?? region.code}${KIND_WORDS[kind]}（${years[1] ?? years[0]}–${evaluation.throughYear}年数据）`;
}

/** The summary in sentences: counts by status, per category, the targets most behind. */
export function summaryLines(evaluation: Evaluation): string[] {
  const { summary } = evaluation;
  const counts = Object.entries(summary.counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${STATUS_WORDS[status] ?? status} ${n} 项`)
    .join('，');
  const lines = [`共 ${summary.total} 项目标：${counts || '无'}。`];
  for (const c of summary.byCategory) {
    const parts = Object.entries(c.counts)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${STATUS_WORDS[status] ?? status} ${n}`)
      .join('，');
    lines.push(`${c.category}：${c.total} 项（${parts}）。`);
  }
  if (summary.mostBehind.length) {
    lines.push(
      `最需关注：${summary.mostBehind
        .map(
          (t) =>
            `${t.indicator}${t.part ? `（${t.part}）` : ''} ${STATUS_WORDS[t.status] ?? t.status}` +
            (t.completion === null ? '' : `，进度完成率 ${percentForPeople(t.completion)}`),
        )
        .join('；')}。`,
    );
  }
  return lines;
}
