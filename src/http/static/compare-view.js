import { getJson } from './api.js';
import { draw, narrow } from './charts.js';
import { fill, h } from './dom.js';
import { fileName, pngButton, tableButtons } from './exports.js';
import { indicatorHref } from './indicator-page.js';
import { statusBadge } from './indicator-table.js';
import { formatValue, statusOf } from './labels.js';

/**
 * The comparison view: one indicator across every region that has a target for it, ranked by the value of the
 * year compared (the latest reported, within the evaluation year), as a bar chart and a table. From
 * GET /api/v1/indicators/{indicator}/compare.
 */

/** A region's targets in words: "2015年 ≥100 万户", "2015年 年均增长 ≥11.5%". */
const targetsText = (targets) =>
  targets
    .map(
      (t) =>
        `${t.year}年 ${t.basis === 'annual_growth' ? `年均增长 ${formatValue(t.value, t.comparator, '%')}` : formatValue(t.value, t.comparator, t.unit)}`,
    )
    .join('；');

/** The status that speaks for a region: its final-year target's, else its first. */
const mainTarget = (targets) => [...targets].sort((a, b) => b.year - a.year)[0];

/**
 * Regions with a target, best first: by value in the direction the indicator should move (higher first unless it
 * should decrease), regions without a value last, in code order.
 */
export function rankRegions(comparison) {
  const decreasing = comparison.indicator.direction === 'decrease';
  return comparison.regions
    .filter((line) => line.targets.length > 0)
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        return a.value === b.value ? a.region.code.localeCompare(b.region.code) : a.value === null ? 1 : -1;
      }
      return decreasing ? a.value - b.value : b.value - a.value;
    });
}

const lineName = (line, indicator) => {
  const part = indicator.parts.find((p) => p.code === line.part)?.name;
  return `${line.region.name ?? line.region.code}${part ? ` · ${part}` : ''}`;
};

/**
 * Draws the comparison of `indicatorCode` into `parts` ({ chart, table, caption, tools }); `context` gives
 * { throughYear, asOf } for the read and { plan } for the links.
 */
export async function showComparison(parts, indicatorCode, context) {
  const comparison = await getJson(`/indicators/${encodeURIComponent(indicatorCode)}/compare`, {
    throughYear: context.throughYear,
    asOf: context.asOf,
  });
  const { indicator, unit, year } = comparison;
  const ranked = rankRegions(comparison);
  const name = () => fileName('地区对比', indicator.name, year ? `${year}年` : '');
  parts.caption.textContent = year
    ? `${indicator.name}：${year}年各地区数值（${unit || '无单位'}），按${indicator.direction === 'decrease' ? '从低到高' : '从高到低'}排名；共 ${ranked.length} 个地区有此目标。`
    : `${indicator.name}：还没有任何地区报送数值；共 ${ranked.length} 个地区有此目标。`;
  drawComparison(parts.chart, ranked, comparison);
  renderComparisonTable(parts.table, ranked, comparison, context);
  fill(parts.tools, tableButtons(parts.table, name), pngButton(parts.chart, name));
  return comparison;
}

function drawComparison(element, ranked, comparison) {
  const { indicator, unit } = comparison;
  const small = narrow();
  // Rank 1 at the top: ECharts draws a category axis from the bottom.
  const lines = [...ranked].reverse();
  const largest = Math.max(0, ...lines.map((line) => line.value ?? 0));
  element.style.height = `${Math.max(small ? 180 : 200, lines.length * (small ? 40 : 44) + 70)}px`;
  draw(element, {
    grid: { left: 8, right: small ? 56 : 72, top: 28, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: unit || '', scale: false, axisLabel: { hideOverlap: true } },
    yAxis: {
      type: 'category',
      data: lines.map((line) => lineName(line, indicator)),
      axisLabel: { width: small ? 96 : 180, overflow: 'truncate' },
    },
    series: [
      {
        name: '数值',
        type: 'bar',
        barMaxWidth: 26,
        data: lines.map((line) => ({
          value: line.value,
          itemStyle: { color: statusOf(mainTarget(line.targets)?.status ?? 'no_data').color },
        })),
        label: {
          show: true,
          position: 'right',
          formatter: ({ dataIndex }) => {
            const line = lines[dataIndex];
            return line?.value === null ? '未报送' : formatValue(line.value, line.comparator ?? 'eq', '');
          },
        },
        tooltip: {
          valueFormatter: (value) =>
            value === null || value === undefined ? '未报送' : formatValue(value, 'eq', unit),
        },
      },
      {
        name: '目标',
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 12,
        itemStyle: { color: '#0f172a' },
        data: lines.map((line) => targetMark(line, unit, largest)),
        tooltip: { valueFormatter: (value) => (value === null ? '—' : formatValue(value, 'eq', unit)) },
      },
    ],
  });
}

/**
 * A region's target on the value axis: only a level in the indicator's unit (a growth rate is another quantity),
 * and only when it does not squash the bars (within 3× the largest value; the table lists every target).
 */
function targetMark(line, unit, largest) {
  const target = mainTarget(line.targets);
  if (!target || target.basis === 'annual_growth' || target.unit !== unit) return null;
  return largest > 0 && target.value > largest * 3 ? null : target.value;
}

function renderComparisonTable(table, ranked, comparison, context) {
  const { indicator, unit, year } = comparison;
  const labels = ['排名', '地区', `数值（${year ?? '—'}年）`, '目标', '状态', '指标页'];
  let rank = 0;
  let previous;
  const rows = ranked.map((line, index) => {
    // Equal values share a rank; a region without a value has none.
    if (line.value !== previous) rank = index + 1;
    previous = line.value;
    const target = mainTarget(line.targets);
    return h(
      'tr',
      { 'data-region': line.region.code },
      h('td', { 'data-label': '排名', class: 'num' }, line.value === null ? '—' : String(rank)),
      h('th', { scope: 'row', 'data-label': '地区' }, lineName(line, indicator)),
      h(
        'td',
        { 'data-label': labels[2], class: 'num' },
        line.value === null ? '未报送' : formatValue(line.value, line.comparator ?? 'eq', unit),
        line.revised ? h('small', { class: 'note' }, '已修订') : null,
      ),
      h('td', { 'data-label': '目标' }, targetsText(line.targets)),
      h(
        'td',
        { 'data-label': '状态' },
        // A value without a status: one year reported and no baseline to measure from, not "no data".
        statusBadge(
          target?.status ?? 'no_data',
          line.value !== null && (target?.status ?? 'no_data') === 'no_data' ? '数据不足' : undefined,
        ),
      ),
      h(
        'td',
        { 'data-label': '指标页', 'data-export': 'skip' },
        h(
          'a',
          {
            class: 'link',
            href: indicatorHref(
              { plan: target?.planId ?? context.plan, region: line.region.code, indicator: indicator.code },
              context.link,
            ),
          },
          '查看',
        ),
      ),
    );
  });
  fill(
    table,
    h('caption', { class: 'visually-hidden' }, `${indicator.name}各地区对比`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        labels.map((label) =>
          h('th', { scope: 'col', 'data-export': label === '指标页' ? 'skip' : undefined }, label),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      rows.length
        ? rows
        : h('tr', {}, h('td', { colspan: labels.length, class: 'empty' }, '没有地区为此指标设定目标')),
    ),
  );
}
