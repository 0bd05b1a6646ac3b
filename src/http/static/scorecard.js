import { draw, narrow } from './charts.js';
import { fill, h } from './dom.js';
import { STATUSES } from './labels.js';

/**
 * The scorecard: one tile per status with its count (a tile filters the indicator table), and the plan's
 * categories as stacked bars of statuses.
 *
 * `scorecard`: { total, counts: {status: n}, categories: [{ category, total, counts }] }.
 */
export function renderScorecard({ tiles, chart, caption }, scorecard, { selected, onSelect }) {
  fill(
    tiles,
    STATUSES.map((status) => {
      const count = scorecard.counts[status.key] ?? 0;
      const pressed = selected === status.key;
      return h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'tile',
            style: `--status:${status.color};--tint:${status.tint};--ink:${status.ink}`,
            'aria-pressed': String(pressed),
            'data-status': status.key,
            title: pressed ? '再次点击显示全部指标' : `只看“${status.zh}”的指标`,
            onclick: () => onSelect(pressed ? null : status.key),
          },
          h('span', { class: 'tile-count', 'data-count': String(count) }, String(count)),
          h('span', { class: 'tile-label' }, status.zh),
        ),
      );
    }),
  );
  const achieved = scorecard.counts.achieved ?? 0;
  const onTrack = scorecard.counts.on_track ?? 0;
  const noData = scorecard.counts.no_data ?? 0;
  fill(
    caption,
    scorecard.total
      ? `共 ${scorecard.total} 项目标：已实现 ${achieved} 项，进展顺利 ${onTrack} 项，` +
          `其余 ${scorecard.total - achieved - onTrack} 项需要关注` +
          (noData ? `（其中 ${noData} 项尚无数据）。` : '。')
      : '该地区在此规划中没有目标。',
  );

  const categories = [...scorecard.categories].reverse();
  const small = narrow();
  draw(chart, {
    grid: { left: 8, right: 16, top: small ? 8 : 36, bottom: small ? 56 : 8, containLabel: true },
    legend: {
      [small ? 'bottom' : 'top']: 0,
      itemWidth: 12,
      itemHeight: 12,
      data: STATUSES.map((status) => status.zh),
    },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, name: '目标数', nameLocation: 'end' },
    yAxis: {
      type: 'category',
      data: categories.map((c) => c.category),
      axisLabel: { width: small ? 72 : 110, overflow: 'break' },
    },
    series: STATUSES.map((status) => ({
      name: status.zh,
      type: 'bar',
      stack: 'status',
      barMaxWidth: 22,
      itemStyle: { color: status.color },
      emphasis: { focus: 'series' },
      data: categories.map((c) => c.counts[status.key] ?? 0),
    })),
  });
}
