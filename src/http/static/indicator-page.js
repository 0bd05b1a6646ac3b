import { getJson } from './api.js';
import { fill, h } from './dom.js';
import { fileName, pngButton, tableButtons } from './exports.js';
import { drawIndicatorValues } from './indicator-chart.js';
import { ENTRY_TYPES, formatTime, formatValue, TIERS } from './labels.js';

/**
 * The indicator page (?plan=&region=&indicator=): what the indicator is (definition, unit, direction, growth
 * model), every target the plan sets for it with the document and section that state it, and the region's value
 * history with who reported which value from which file. From the plan detail and the history endpoint.
 */

const KINDS = { ratio: '比例（百分比）', count: '数量', amount: '金额或总量', index: '指数' };
const DIRECTIONS = { increase: '越高越好', decrease: '越低越好' };
const GROWTH = {
  compound: '按年均增长率推算（复合增长：每年按相同的百分比增长）',
  linear: '按每年相同的增加量推算（线性增长）',
};

/** The address of an indicator page; the evaluation year and recording date of the current view are kept. */
export function indicatorHref({ plan, region, indicator }, keep = {}) {
  const query = new URLSearchParams({ plan, region, indicator });
  if (keep.throughYear) query.set('throughYear', keep.throughYear);
  if (keep.asOf) query.set('asOf', keep.asOf);
  return `${location.pathname}?${query}`;
}

/** Document file → title, from GET /documents; each plan's first document is the plan itself if that fails. */
async function documentTitles(plans) {
  const titles = new Map();
  try {
    const { documents } = await getJson('/documents');
    for (const doc of documents) titles.set(doc.document, doc.title);
  } catch {
    for (const plan of plans) {
      const [first] = plan.documents ?? [];
      if (first && !titles.has(first)) titles.set(first, plan.title);
    }
  }
  return titles;
}

/** "《连云港市“十二五”信息化发展规划》 附件1 … 2015年预期目标", or the file name when its title is unknown. */
function citation(source, titles) {
  if (!source) return '—';
  if (source.kind !== 'document') return [source.kind, source.note].filter(Boolean).join('：') || '—';
  const title = titles.get(source.document);
  const named = title ? (title.includes('《') ? title : `《${title}》`) : `文件 ${source.document}`;
  return [named, source.section].filter(Boolean).join(' ');
}

const targetText = (t) =>
  t.basis === 'annual_growth'
    ? `年均增长 ${formatValue(t.value, t.comparator, '%')}`
    : formatValue(t.value, t.comparator, t.unit, t.upper);

/**
 * Renders the page into `element` for `code` of `plan` (the plan detail) in `regionCode`. `plans` (the plan list)
 * names the documents; `query` is { throughYear, asOf } of the view; `backHref` leads back to the overview.
 */
export async function showIndicatorPage(
  element,
  { plan, plans, code, regionCode, regionName, query, backHref },
) {
  const indicator = plan.indicators.find((i) => i.code === code);
  const back = h('a', { class: 'back', href: backHref }, '← 返回总览');
  if (!indicator) {
    fill(element, back, h('h2', {}, '没有这个指标'), h('p', { class: 'lead' }, `规划中没有指标 ${code}。`));
    return;
  }
  const path = `/regions/${encodeURIComponent(regionCode)}/indicators/${encodeURIComponent(code)}`;
  const [titles, history, trajectory] = await Promise.all([
    documentTitles(plans),
    getJson(`${path}/history`),
    getJson(`${path}/trajectory`, query),
  ]);
  const partName = (part) => indicator.parts.find((p) => p.code === part)?.name ?? part;
  const entries = history.entries.filter(
    (e) =>
      (!query.throughYear || e.year <= Number(query.throughYear)) &&
      (!query.asOf || new Date(e.recordedAt) <= new Date(query.asOf)),
  );

  const targetsTable = h('table', { id: 'indicator-targets', class: 'compact citations' });
  renderTargets(targetsTable, indicator, { titles, regionName, partName });
  const historyTable = h('table', { id: 'indicator-history', class: 'compact history' });
  renderHistory(historyTable, entries, { partName, unit: indicator.unit, titles });
  const chart = h('div', {
    id: 'indicator-chart',
    class: 'chart chart-indicator',
    role: 'img',
    'aria-label': `${indicator.name}：${regionName(regionCode)}各年报送值与目标`,
  });
  const name = (what) => () => fileName(indicator.name, regionName(regionCode), what);

  fill(
    element,
    back,
    h(
      'div',
      { class: 'card-head' },
      h('h2', { id: 'indicator-page-title' }, indicator.name),
      h('p', { class: 'muted' }, `${plan.title} · ${regionName(regionCode)}`),
    ),
    h(
      'dl',
      { class: 'definition' },
      definition('类别', indicator.category),
      definition('单位', indicator.unit || '无单位'),
      definition('指标类型', KINDS[indicator.kind] ?? indicator.kind),
      definition('方向', DIRECTIONS[indicator.direction] ?? indicator.direction),
      definition('增长模型', GROWTH[indicator.growth] ?? indicator.growth),
      indicator.parts.length ? definition('分项', indicator.parts.map((p) => p.name).join('、')) : null,
      definition('指标代码', code),
    ),
    h(
      'div',
      { class: 'card-head' },
      h('h3', {}, `${regionName(regionCode)}的数值与目标`),
      h('div', { class: 'tools' }, pngButton(chart, name('数值与目标'))),
    ),
    chart,
    h(
      'div',
      { class: 'card-head' },
      h('h3', {}, '目标与出处'),
      h('div', { class: 'tools' }, tableButtons(targetsTable, name('目标与出处'))),
    ),
    h('div', { class: 'table-wrap' }, targetsTable),
    h(
      'div',
      { class: 'card-head' },
      h('h3', {}, `${regionName(regionCode)}的数值记录`),
      h('div', { class: 'tools' }, tableButtons(historyTable, name('数值记录'))),
    ),
    h('div', { class: 'table-wrap' }, historyTable),
  );
  // Drawn once in the page, so that the chart has its width.
  drawIndicatorValues(chart, trajectory, { partName });
}

const definition = (term, value) => h('div', {}, h('dt', {}, term), h('dd', {}, value));

function headRow(labels) {
  return h(
    'thead',
    {},
    h(
      'tr',
      {},
      labels.map((label) => h('th', { scope: 'col' }, label)),
    ),
  );
}

function renderTargets(table, indicator, { titles, regionName, partName }) {
  const labels = ['地区', '分项 / 层级', '目标年', '目标', '出处（文件与章节）', '原文'];
  const rows = indicator.targets.flatMap((t) => {
    const scope = [t.part ? partName(t.part) : '', t.tier ? (TIERS[t.tier] ?? t.tier) : ''].filter(Boolean);
    const row = (target, source, note) =>
      h(
        'tr',
        { class: note ? 'revision' : '' },
        h('td', { 'data-label': '地区', class: 'nowrap' }, regionName(t.regionCode)),
        h('td', { 'data-label': '分项 / 层级' }, scope.join(' · ') || '整体'),
        h('td', { 'data-label': '目标年', class: 'num' }, `${t.year}年`),
        h(
          'td',
          { 'data-label': '目标', class: 'num' },
          targetText(target),
          note ? h('small', { class: 'note' }, note) : null,
        ),
        h('td', { 'data-label': '出处', class: 'source' }, citation(source, titles)),
        h('td', { 'data-label': '原文', class: 'printed' }, source?.printed ?? '—'),
      );
    // The target in force first, then what it replaced (each with the document that stated it).
    return [
      row(t, t.source, t.revisions.length ? '现行目标（已修订）' : ''),
      ...t.revisions.map((r) => row({ ...t, ...r }, r.source, '修订前的目标')),
    ];
  });
  fill(
    table,
    h('caption', { class: 'visually-hidden' }, `${indicator.name}的各项目标及其出处`),
    headRow(labels),
    h(
      'tbody',
      {},
      rows.length
        ? rows
        : h('tr', {}, h('td', { colspan: labels.length, class: 'empty' }, '规划没有此指标的目标')),
    ),
  );
}

/** Who recorded a value: the person or token, or the plan catalog for the values the plans print. */
const actorName = (actor) => (actor?.kind === 'seed' ? '规划文件（系统预置）' : (actor?.name ?? '—'));

/** The file a value came from: an uploaded sheet by its name, a plan document by its title. */
const fileOf = (entry, titles) => {
  const title = titles.get(entry.file);
  return (
    [title ? `《${title.replace(/^.*《|》.*$/gu, '')}》` : entry.file, entry.cell]
      .filter(Boolean)
      .join(' ') || '—'
  );
};

function renderHistory(table, entries, { partName, unit, titles }) {
  const labels = ['年份', '分项', '类型', '数值', '原值', '报送人', '文件与单元格', '记录时间'];
  fill(
    table,
    h('caption', { class: 'visually-hidden' }, '数值的报送、修订与撤回记录'),
    headRow(labels),
    h(
      'tbody',
      {},
      entries.length
        ? [...entries]
            .reverse()
            .map((e) =>
              h(
                'tr',
                { class: e.type },
                h('td', { 'data-label': '年份', class: 'num' }, `${e.year}年`),
                h('td', { 'data-label': '分项', class: 'nowrap' }, e.part ? partName(e.part) : '整体'),
                h('td', { 'data-label': '类型', class: 'nowrap' }, ENTRY_TYPES[e.type] ?? e.type),
                h(
                  'td',
                  { 'data-label': '数值', class: 'num' },
                  formatValue(e.value, e.comparator ?? 'eq', e.unit ?? unit),
                ),
                h(
                  'td',
                  { 'data-label': '原值', class: 'num' },
                  e.previous ? formatValue(e.previous.value, e.previous.comparator, e.previous.unit) : '—',
                ),
                h('td', { 'data-label': '报送人' }, actorName(e.actor)),
                h('td', { 'data-label': '文件与单元格', class: 'source' }, fileOf(e, titles)),
                h('td', { 'data-label': '记录时间', class: 'nowrap' }, formatTime(e.recordedAt)),
              ),
            )
        : h('tr', {}, h('td', { colspan: labels.length, class: 'empty' }, '没有报送记录')),
    ),
  );
}
