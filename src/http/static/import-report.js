import { fill, h } from './dom.js';
import { formatValue, IMPORT_STATUSES, SEVERITIES, TIERS } from './labels.js';

const MAX_OBSERVATIONS_SHOWN = 300;

/** An import report: what it decided, every problem with its cells, and the values read. */
export function renderImportReport(element, report) {
  const { counts } = report;
  const blocked = report.status === 'rejected';
  const headline = h(
    'p',
    { class: `report-status ${report.status}`, 'data-status': report.status },
    IMPORT_STATUSES[report.status] ?? report.status,
  );
  const summary = h(
    'p',
    { class: 'report-counts' },
    `读取 ${counts.observations} 个数值：新增 ${counts.new}，修订 ${counts.revised}，未变 ${counts.unchanged}；` +
      `问题 ${counts.problems} 个。`,
  );
  const advice =
    report.status === 'dry-run'
      ? h('p', { class: 'help' }, '文件未写入。核对下列内容后点击“确认导入”。')
      : blocked
        ? h('p', { class: 'help' }, '整份文件未写入。请按下列单元格修改后重新上传。')
        : null;
  fill(
    element,
    headline,
    summary,
    advice,
    problemsTable(report.problems),
    observationsList(report.observations),
  );
}

function problemsTable(problems) {
  if (!problems.length) return h('p', { class: 'ok' }, '没有发现问题。');
  const errors = problems.filter((p) => p.severity === 'error').length;
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'compact problems', 'aria-label': `问题列表（错误 ${errors} 个）` },
      h('caption', {}, `问题（错误 ${errors} 个，提醒 ${problems.length - errors} 个）`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['级别', '单元格', '说明'].map((label) => h('th', { scope: 'col' }, label)),
        ),
      ),
      h(
        'tbody',
        {},
        problems.map((problem) =>
          h(
            'tr',
            { class: `problem ${problem.severity}`, 'data-code': problem.code },
            h(
              'td',
              { 'data-label': '级别' },
              h(
                'span',
                { class: `severity ${problem.severity}` },
                SEVERITIES[problem.severity] ?? problem.severity,
              ),
            ),
            h('td', { 'data-label': '单元格', class: 'cells' }, cellsText(problem)),
            h('td', { 'data-label': '说明' }, problem.message?.zh ?? problem.code),
          ),
        ),
      ),
    ),
  );
}

function cellsText(problem) {
  const cells = problem.cells?.length ? problem.cells : problem.cell ? [problem.cell] : [];
  if (!cells.length) return '整个文件';
  // Each Sheet!A1 kept on one line; the list wraps between them.
  const shown = cells.slice(0, 12).flatMap((cell, i) => [i ? '、' : '', h('span', { class: 'cell' }, cell)]);
  return cells.length > 12 ? [...shown, ` 等 ${cells.length} 处`] : shown;
}

function observationsList(observations) {
  if (!observations.length) return null;
  const actuals = observations.filter((o) => o.kind === 'actual');
  const shown = actuals.slice(0, MAX_OBSERVATIONS_SHOWN);
  const name = (o) =>
    [o.indicator.name, o.part ? `· ${o.part}` : '', o.tier ? `（${TIERS[o.tier] ?? o.tier}）` : ''].join('');
  return h(
    'details',
    { class: 'observations' },
    h(
      'summary',
      {},
      `读取的实际值（${actuals.length} 个${actuals.length > shown.length ? `，显示前 ${shown.length} 个` : ''}）`,
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'compact' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['指标', '年份', '数值', '单元格'].map((label) => h('th', { scope: 'col' }, label)),
          ),
        ),
        h(
          'tbody',
          {},
          shown.map((o) =>
            h(
              'tr',
              {},
              h('td', { 'data-label': '指标' }, name(o)),
              h('td', { 'data-label': '年份', class: 'num' }, `${o.year}年`),
              h(
                'td',
                { 'data-label': '数值', class: 'num' },
                formatValue(o.value, o.comparator, o.indicator.unit),
              ),
              h('td', { 'data-label': '单元格' }, o.cell),
            ),
          ),
        ),
      ),
    ),
  );
}
