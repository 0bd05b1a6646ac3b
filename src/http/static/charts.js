/**
 * ECharts (served by this app as /static/vendor/echarts.min.js, a classic script that defines `echarts`):
 * one instance per element, resized with its box, so the same charts fit a desktop and a phone.
 */

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

export function chartIn(element) {
  const echarts = window.echarts;
  if (!echarts) throw new Error('图表库未能加载');
  const existing = echarts.getInstanceByDom(element);
  if (existing) return existing;
  const chart = echarts.init(element, null, { renderer: 'canvas', locale: 'ZH' });
  new ResizeObserver(() => chart.resize()).observe(element);
  return chart;
}

/** Sets a chart's whole option (no merge with the previous indicator's series). */
export function draw(element, option) {
  const chart = chartIn(element);
  // data-drawn: "true" once the chart has finished drawing this option (animations included).
  element.dataset.drawn = 'false';
  chart.off('finished');
  chart.on('finished', () => {
    element.dataset.drawn = 'true';
  });
  chart.setOption({ textStyle: { fontFamily: FONT }, animationDuration: 300, ...option }, { notMerge: true });
  return chart;
}

/** True on a narrow (phone) screen: charts put their legend below and use fewer labels. */
export const narrow = () => window.matchMedia('(max-width: 640px)').matches;
