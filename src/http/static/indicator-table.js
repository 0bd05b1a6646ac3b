import { fill, h } from './dom.js';
import { statusOf } from './labels.js';
import { levelWithYear, projectedText, targetKey, targetName, targetText } from './targets.js';

/** A status as a coloured badge that also says it in words (colour is never the only sign). */
export function statusBadge(key, text) {
  const status = statusOf(key);
  return h(
    'span',
    {
      class: 'badge',
      'data-status': key,
      style: `--status:${status.color};--tint:${status.tint};--ink:${status.ink}`,
    },
    text ?? status.zh,
  );
}

const COLUMNS = ['类别', '指标', '基期值', '最新值', '目标', '预测值', '状态'];

/**
 * The indicator table: one row per target with baseline, latest, target, projected value and status. Each
 * indicator's name is a button that draws its trajectory; 指标页 beside it opens the indicator's page.
 */
export function renderIndicatorTable(
  table,
  rows,
  { selectedKey, onPick, finalYear, hrefOf, printedNames = new Map() },
) {
  const head = h(
    'thead',
    {},
    h(
      'tr',
      {},
      COLUMNS.map((label) => h('th', { scope: 'col' }, label)),
    ),
  );
  const body = h(
    'tbody',
    {},
    rows.map((row) => {
      const key = targetKey(row);
      const name = targetName(row, { finalYear });
      const selected = key === selectedKey;
      const baseline = row.baseline
        ? [
            levelWithYear(row.baseline, row.unit),
            row.baseline.from === 'first_reported'
              ? h('small', { class: 'note' }, '无基期值，取首个报送值')
              : null,
          ]
        : '—';
      return h(
        'tr',
        { class: selected ? 'selected' : '', 'data-key': key, 'aria-selected': String(selected) },
        h('td', { 'data-label': '类别', class: 'category' }, row.indicator.category),
        h(
          'th',
          { scope: 'row', 'data-label': '指标' },
          h(
            'button',
            { type: 'button', class: 'link', title: '查看轨迹图', onclick: () => onPick(key) },
            name,
          ),
          printedLabel(printedNames.get(row.indicator.code), row.indicator.name),
          hrefOf
            ? h(
                'a',
                {
                  class: 'page-link',
                  href: hrefOf(row),
                  title: `${row.indicator.name}：定义、目标出处与数值记录`,
                },
                '指标页',
              )
            : null,
          row.target.revised ? h('small', { class: 'note' }, '目标已修订') : null,
        ),
        h('td', { 'data-label': '基期值', class: 'num' }, baseline),
        h(
          'td',
          { 'data-label': '最新值', class: 'num' },
          levelWithYear(row.latest, row.unit),
          // Issue 15: a value counts as the official record once its region's year is approved.
          row.latest?.approved === false ? h('small', { class: 'note' }, '待审核') : null,
        ),
        h('td', { 'data-label': `目标`, class: 'num' }, targetText(row)),
        h('td', { 'data-label': `预测值（${row.targetYear}年）`, class: 'num' }, projectedText(row)),
        h('td', { 'data-label': '状态' }, statusBadge(row.status)),
      );
    }),
  );
  const empty = rows.length
    ? null
    : h('tbody', {}, h('tr', {}, h('td', { colspan: COLUMNS.length, class: 'empty' }, '没有符合条件的目标')));
  fill(
    table,
    h('caption', { class: 'visually-hidden' }, '各项目标的基期值、最新值、目标值、预测值与状态'),
    head,
    empty ?? body,
  );
}

/** The row label the plan prints, when it says more than the catalog's shared name (省两化融合示范（试验）区（个）). */
function printedLabel(printed, name) {
  if (!printed || printed.replace(/（[^（）]*）$/u, '') === name) return null;
  return h('small', { class: 'note printed-name' }, `规划原文：${printed}`);
}
