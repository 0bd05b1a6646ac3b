import { draw, narrow } from './charts.js';
import { formatNumber, formatValue, statusOf } from './labels.js';

/**
 * The indicator page's chart: the region's reported values by year, one line per part, and each of the region's
 * targets stated as a level as a diamond at its year (a growth-rate target is another quantity: the table lists
 * it). From GET …/trajectory.
 */
export function drawIndicatorValues(element, trajectory, { partName }) {
  const small = narrow();
  const unit = trajectory.unit;
  const series = trajectory.series.map((s) => ({
    name: s.part ? (s.part.name ?? partName(s.part.code)) : '实际值',
    points: s.points.filter((p) => p.value !== null),
  }));
  const targets = trajectory.targets.filter((t) => t.basis !== 'annual_growth' && t.unit === unit);
  const years = [...series.flatMap((s) => s.points.map((p) => p.year)), ...targets.map((t) => t.year)];
  if (!years.length) {
    element.hidden = true;
    return null;
  }
  element.hidden = false;
  const first = Math.min(...years);
  const axis = Array.from({ length: Math.max(...years) - first + 1 }, (_, i) => String(first + i));
  const targetName = (t) =>
    `目标${t.part ? ` · ${partName(t.part)}` : ''} ${formatValue(t.value, t.comparator, t.unit)}`;
  return draw(element, {
    grid: { left: 8, right: small ? 16 : 24, top: 40, bottom: small ? 56 : 8, containLabel: true },
    legend: { [small ? 'bottom' : 'top']: 0, type: 'scroll' },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) =>
        value === null || value === undefined ? '—' : formatValue(value, 'eq', unit),
    },
    xAxis: { type: 'category', data: axis, boundaryGap: false, axisLabel: { formatter: '{value}年' } },
    yAxis: { type: 'value', name: unit || '', scale: true, axisLabel: { formatter: (v) => formatNumber(v) } },
    series: [
      ...series.map((s) => ({
        name: s.name,
        type: 'line',
        data: s.points.map((p) => [String(p.year), p.value]),
        symbolSize: 8,
        label: { show: !small, position: 'top', formatter: ({ value }) => formatNumber(value[1]) },
      })),
      ...targets.map((t) => ({
        name: targetName(t),
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 14,
        itemStyle: { color: statusOf(t.status).color, borderColor: '#0f172a', borderWidth: 1 },
        data: [[String(t.year), t.value]],
      })),
    ],
  });
}
