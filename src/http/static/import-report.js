import { fill, h } from './dom.js';
import { formatValue, IMPORT_STATUSES, SEVERITIES, TIERS } from './labels.js';

const MAX_OBSERVATIONS_SHOWN = 300;

const SEVERITY_LABELS = { ...SEVERITIES, implausible: '需确认' };

const RULES = {
  unit_slip: '疑似单位错误（万/亿）',
  share_as_fraction: '疑似把百分数写成小数',
  past_target: '首年即远超规划目标',
  jump: '与历年数值相差过大',
};

/**
 * An import report: what it decided, every problem with its cells, the implausible values apart (each with a box
 * to confirm it), and the values read. Returns whether the file waits only for confirmations: then every box
 * must be ticked before it can be imported (`confirmedCells` gives the ticked cells).
 */
export function renderImportReport(element, report) {
  const { counts } = report;
  const implausible = report.problems.filter((p) => p.severity === 'implausible');
  const others = report.problems.filter((p) => p.severity !== 'implausible');
  const errors = others.filter((p) => p.severity === 'error').length;
  const needsConfirmation =
    report.status === 'rejected' && errors === 0 && implausible.some((p) => !p.implausible?.confirmed);
  const blocked = report.status === 'rejected' && !needsConfirmation;
  const headline = h(
    'p',
    { class: `report-status ${report.status}`, 'data-status': report.status },
    IMPORT_STATUSES[report.status] ?? report.status,
  );
  const summary = h(
    'p',
    { class: 'report-counts' },
    // The groups add up to what was read: actual values decided (new, revised, unchanged) and the plans' own
    // target cells, which are only compared with the catalog.
    // A file that failed its check decided nothing: its actual values were checked and none was written.
    `读取 ${counts.observations} 个数值：` +
      (report.status === 'rejected'
        ? `实际值 ${counts.observations - (counts.targets ?? 0)} 个（已检查，未写入）；`
        : `实际值新增 ${counts.new}，修订 ${counts.revised}，未变 ${counts.unchanged}；`) +
      `目标值 ${counts.targets ?? 0} 个（仅与规划目录比对，不写入）；问题 ${counts.problems} 个。`,
  );
  const advice =
    report.status === 'dry-run'
      ? h('p', { class: 'help' }, '文件未写入。核对下列内容后点击“确认导入”。')
      : needsConfirmation
        ? h(
            'p',
            { class: 'help' },
            '文件未写入：下列数值与本地区往年数值或规划目标相差悬殊。请逐项核对：确属实际情况的，勾选“确认”后点击“确认导入”（导入记录会注明“已确认的异常值”）；否则请修改文件后重新上传。',
          )
        : blocked
          ? h('p', { class: 'help' }, '整份文件未写入。请按下列单元格修改后重新上传。')
          : null;
  fill(
    element,
    headline,
    summary,
    advice,
    problemsTable(others, report.problems.length === 0),
    implausibleTable(implausible),
    observationsList(report.observations),
  );
  return { needsConfirmation };
}

/** The cells whose implausible values the person ticked, in the report shown in `element`. */
export function confirmedCells(element) {
  return [...element.querySelectorAll('input.confirm-cell')]
    .filter((box) => box.checked)
    .map((box) => box.value);
}

/** Whether every implausible value shown in `element` is ticked. */
export function allConfirmed(element) {
  return [...element.querySelectorAll('input.confirm-cell')].every((box) => box.checked);
}

function implausibleTable(problems) {
  if (!problems.length) return null;
  return h(
    'div',
    { class: 'table-wrap implausible-values' },
    h(
      'table',
      { class: 'compact problems', 'aria-label': `需确认的异常值（${problems.length} 个）` },
      h('caption', {}, `需确认的异常值（${problems.length} 个）：不是格式错误，但与历年数值或目标不符`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['确认', '单元格', '指标', '填报值', '预期', '说明'].map((label) =>
            h('th', { scope: 'col' }, label),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        problems.map((problem) => {
          const detail = problem.implausible ?? {};
          const cell = problem.cell ?? '';
          return h(
            'tr',
            { class: 'problem implausible', 'data-code': problem.code, 'data-cell': cell },
            h(
              'td',
              { 'data-label': '确认' },
              detail.confirmed
                ? h('span', { class: 'severity implausible' }, '已确认的异常值')
                : h(
                    'label',
                    {},
                    h('input', {
                      type: 'checkbox',
                      class: 'confirm-cell',
                      value: cell,
                      'aria-label': `确认 ${cell} 的数值属实`,
                    }),
                    ' 确认',
                  ),
            ),
            h('td', { 'data-label': '单元格', class: 'cells' }, cellsText(problem)),
            h(
              'td',
              { 'data-label': '指标' },
              // The indicator as the sheet prints it, where the cell's row named it (issue 17).
              detail.indicator
                ? `${problem.cellDetails?.[0]?.rowLabel ?? detail.indicator.name} ${detail.year}年`
                : problem.code,
            ),
            h('td', { 'data-label': '填报值', class: 'num' }, detail.printed ?? ''),
            h('td', { 'data-label': '预期', class: 'num expected' }, detail.expected ?? ''),
            h(
              'td',
              { 'data-label': '说明' },
              detail.rule ? h('strong', {}, `${RULES[detail.rule] ?? detail.rule}：`) : null,
              problem.message?.zh ?? problem.code,
            ),
          );
        }),
      ),
    ),
  );
}

function problemsTable(problems, none) {
  if (none) return h('p', { class: 'ok' }, '没有发现问题。');
  if (!problems.length) return null;
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
                SEVERITY_LABELS[problem.severity] ?? problem.severity,
              ),
            ),
            h('td', { 'data-label': '单元格', class: 'cells' }, cellsText(problem)),
            h('td', { 'data-label': '说明', class: 'explanation' }, explanation(problem)),
          ),
        ),
      ),
    ),
  );
}

/** A cell as people read it: 主要指标!H20（城市家庭宽带接入能力，2013年）. */
function placeText(detail) {
  const known = [detail.rowLabel, detail.year === undefined ? undefined : `${detail.year}年`].filter(Boolean);
  return known.length ? `${detail.cell}（${known.join('，')}）` : detail.cell;
}

/**
 * What a problem says, naming each cell's indicator as the sheet prints it and its year: one line per cell where
 * the cells' messages differ, else the cells then the message; the format hint once, after them.
 */
function explanation(problem) {
  const details = problem.cellDetails ?? [];
  const shown = details.slice(0, 12);
  const more = details.length > shown.length ? ` 等 ${details.length} 处` : '';
  const lines = details.some((detail) => detail.message)
    ? [
        ...shown.map((detail) =>
          h(
            'div',
            { class: 'problem-line' },
            `${placeText(detail)}：${(detail.message ?? problem.message).zh}`,
          ),
        ),
        more ? h('div', { class: 'problem-line' }, more.trim()) : null,
      ]
    : [
        h(
          'div',
          { class: 'problem-line' },
          details.length
            ? `${shown.map(placeText).join('、')}${more}：${problem.message?.zh ?? problem.code}`
            : (problem.message?.zh ?? problem.code),
        ),
      ];
  return [...lines, problem.hint ? h('div', { class: 'hint' }, problem.hint.zh) : null];
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
  // The row as the sheet prints it beside the catalog's name, unless it only adds the unit (issue 13).
  const printed = (o) =>
    o.rowLabel && !o.rowLabel.startsWith(o.indicator.name) ? `（表中：${o.rowLabel}）` : '';
  const name = (o) =>
    [
      o.indicator.name,
      printed(o),
      o.part ? `· ${o.part}` : '',
      o.tier ? `（${TIERS[o.tier] ?? o.tier}）` : '',
    ].join('');
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
