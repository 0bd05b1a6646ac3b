import { fill, h } from './dom.js';
import { formatValue } from './labels.js';

/**
 * The plan's context indicators in the chosen region: what its status chapter reports for the year before the
 * plan (a baseline) without setting a target, grouped by category and marked as such, so the whole picture the
 * plan painted is on the page. Each value says where the plan states it.
 */
export function renderContextTable(table, indicators) {
  const rows = [...indicators]
    .sort((a, b) => a.category.localeCompare(b.category, 'zh') || a.code.localeCompare(b.code))
    .flatMap((indicator) =>
      indicator.regions.flatMap((region) =>
        region.baselines.map((baseline) => {
          const part = indicator.parts.find((p) => p.code === baseline.part)?.name;
          const source = baseline.source ?? {};
          const cited = [source.title, source.section].filter(Boolean).join('，');
          return h(
            'tr',
            { 'data-code': indicator.code },
            h('td', { 'data-label': '类别', class: 'category' }, indicator.category),
            h(
              'th',
              { scope: 'row', 'data-label': '指标' },
              part ? `${indicator.name} · ${part}` : indicator.name,
              h('small', { class: 'note' }, '背景指标（规划未设目标）'),
            ),
            h(
              'td',
              { 'data-label': '基期值', class: 'num' },
              `${formatValue(baseline.value, baseline.comparator, baseline.unit)}（${baseline.year}年）`,
            ),
            h(
              'td',
              { 'data-label': '出处' },
              h('span', { title: cited }, source.printed ? `“${source.printed}”` : cited || '—'),
            ),
          );
        }),
      ),
    );
  fill(
    table,
    h('caption', { class: 'visually-hidden' }, '规划现状部分给出基期值但未设目标的指标'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['类别', '指标', '基期值', '出处'].map((label) => h('th', { scope: 'col' }, label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.length ? rows : h('tr', {}, h('td', { colspan: 4, class: 'empty' }, '本地区没有背景指标')),
    ),
  );
}
