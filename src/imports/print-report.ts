import Table from 'cli-table3';
import { normaliseName } from '../domain/value-grammar.ts';
import { showValue } from './check-observations.ts';
import { problemText } from './problem-text.ts';
import type { ImportReport } from './report.ts';

const STATUS_ZH: Record<ImportReport['status'], string> = {
  imported: '已导入',
  'dry-run': '试导入（未写入）',
  duplicate: '重复上传（未写入）',
  rejected: '已拒绝（未写入）',
};

const plain = { head: [], border: [] };

/** An import report as tables a person reads in a terminal: summary, problems, then the observations it lists. */
export function printReport(report: ImportReport): string {
  const summary = new Table({ style: plain });
  summary.push(
    { 状态: `${report.status} ${STATUS_ZH[report.status]}` },
    { importId: report.importId },
    { 数值: String(report.counts.observations) },
    // The groups add up to what was read: actual values decided, and the plans' targets only compared.
    {
      '实际值 新增 / 修订 / 未变': `${report.counts.new} / ${report.counts.revised} / ${report.counts.unchanged}`,
    },
    { '目标值（仅比对，不写入）': String(report.counts.targets ?? 0) },
    { 问题: String(report.counts.problems) },
  );
  const parts = [summary.toString()];
  if (report.problems.length > 0) {
    const problems = new Table({
      head: ['级别', '代码', '单元格', '说明'],
      colWidths: [9, 28, 24, 70],
      wordWrap: true,
      style: plain,
    });
    for (const problem of report.problems) {
      const cells =
        problem.cells.length > 4
          ? `${problem.cells.slice(0, 4).join(' ')} …(${problem.cells.length})`
          : problem.cells.join(' ');
      // Each cell with the indicator as the sheet prints it and the year; a hint once (issue 17).
      problems.push([problem.severity, problem.code, cells || '—', problemText(problem)]);
    }
    parts.push(problems.toString());
  }
  if (report.observations.length > 0) {
    const observations = new Table({
      head: ['单元格', '指标', '分项/层级', '年份', '类型', '地区', '数值'],
      style: plain,
    });
    for (const o of report.observations) {
      observations.push([
        o.cell,
        // The row as the sheet prints it beside the catalog's name, when they differ (issue 13).
        o.rowLabel && normaliseName(o.rowLabel) !== normaliseName(o.indicator.name)
          ? `${o.indicator.name}（表中：${o.rowLabel}）`
          : o.indicator.name,
        o.part ?? o.tier ?? '',
        String(o.year),
        o.kind === 'actual' ? '实现' : '目标',
        o.region,
        showValue(o.comparator, o.value, o.indicator.unit),
      ]);
    }
    parts.push(observations.toString());
  }
  if (report.observationsOmitted) {
    parts.push(
      `另有 ${report.observationsOmitted} 个数值未列出（见各指标的历史记录）/ ${report.observationsOmitted} more observations not listed (see each series' history)`,
    );
  }
  return parts.join('\n');
}
