import { draw, narrow } from './charts.js';
import { formatNumber, formatValue, statusOf } from './labels.js';

const ACTUAL = '实际值';
const REQUIRED = '要求路径';
const PROJECTED = '趋势预测';
const TARGET = '目标';
const REVISED = '已修订';

/**
 * One target's trajectory, drawn: actual points, the path the target requires from the baseline, the least-squares
 * projection, the target as a marker and a line, and the actuals that were revised ringed.
 *
 * `view`: { name, unit, basis, status, target: {year, value, comparator, level}, actual: [{year, value,
 * comparator, revisions: [{value, previous, at}]}], required: [{year, value}], projected: [{year, value}] }.
 */
export function drawTrajectory(element, view) {
  const small = narrow();
  const years = yearsOf(view);
  const at = (points) => points.map((p) => [String(p.year), p.value]);
  const status = statusOf(view.status);
  const unit = view.unit;
  const valueText = (value) => formatValue(value, 'eq', unit);
  const targetLevel = view.target.level;
  const targetLabel =
    view.basis === 'annual_growth'
      ? `目标：年均增长${formatValue(view.target.value, view.target.comparator, '%')}`
      : `目标 ${formatValue(view.target.value, view.target.comparator, view.target.unit ?? unit, view.target.upper)}`;
  const revised = view.actual.filter((p) => p.revisions.length > 0);
  const doubt = projectionDoubt(view.projection);

  return draw(element, {
    // An uncertain projection is drawn faint and said in words, on the chart itself.
    graphic: doubt
      ? [
          {
            type: 'text',
            right: 12,
            top: small ? 18 : 30,
            silent: true,
            style: { text: doubt, fill: '#7c2d12', font: `${small ? 11 : 12}px sans-serif` },
          },
        ]
      : [],
    grid: {
      left: 8,
      right: small ? 24 : 28,
      top: small ? 40 : 56,
      bottom: small ? 64 : 12,
      containLabel: true,
    },
    legend: {
      [small ? 'bottom' : 'top']: 0,
      data: [ACTUAL, REQUIRED, PROJECTED, TARGET, ...(revised.length ? [REVISED] : [])],
    },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => (value === undefined || value === null ? '—' : valueText(value)),
    },
    xAxis: {
      type: 'category',
      data: years.map(String),
      boundaryGap: false,
      axisLabel: { formatter: '{value}年' },
    },
    yAxis: {
      type: 'value',
      name: unit || '',
      scale: true,
      axisLabel: { formatter: (value) => formatNumber(value) },
    },
    series: [
      {
        name: ACTUAL,
        type: 'line',
        data: view.actual.map((p) => ({
          value: [String(p.year), p.value],
          // A value known only as a bound (＜50) is drawn hollow.
          symbol: p.comparator === 'eq' ? 'circle' : 'emptyCircle',
        })),
        connectNulls: true,
        symbolSize: 9,
        z: 5,
        lineStyle: { width: 3, color: '#1d4ed8' },
        itemStyle: { color: '#1d4ed8' },
        label: {
          show: !small,
          position: 'top',
          formatter: ({ dataIndex }) => {
            const point = view.actual[dataIndex];
            return point ? formatValue(point.value, point.comparator, '') : '';
          },
        },
      },
      {
        name: REQUIRED,
        type: 'line',
        data: at(view.required),
        showSymbol: false,
        lineStyle: { type: 'dashed', width: 2, color: '#64748b' },
        itemStyle: { color: '#64748b' },
      },
      {
        name: PROJECTED,
        type: 'line',
        data: at(view.projected),
        showSymbol: false,
        lineStyle: { type: 'dotted', width: 3, color: status.color, opacity: doubt ? 0.4 : 1 },
        itemStyle: { color: status.color },
      },
      {
        name: TARGET,
        type: 'scatter',
        data:
          targetLevel === null || targetLevel === undefined ? [] : [[String(view.target.year), targetLevel]],
        symbol: 'diamond',
        symbolSize: 16,
        z: 6,
        itemStyle: { color: '#0f172a' },
        // The label sits on the side of the diamond away from where the projection arrives, on a white ground,
        // so the dotted line never runs through its text.
        label: {
          show: true,
          position: labelSide(view),
          align: 'right',
          formatter: targetLabel,
          color: '#0f172a',
          backgroundColor: 'rgba(255,255,255,0.9)',
          padding: [2, 4],
          borderRadius: 3,
        },
        markLine:
          targetLevel === null || targetLevel === undefined
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                data: [{ yAxis: targetLevel }],
                lineStyle: { type: 'solid', color: '#0f172a', opacity: 0.25 },
                label: { show: false },
              },
      },
      {
        name: REVISED,
        type: 'scatter',
        data: revised.map((p) => ({
          value: [String(p.year), p.value],
          revisions: p.revisions,
        })),
        symbol: 'circle',
        symbolSize: 20,
        z: 4,
        itemStyle: { color: 'rgba(0,0,0,0)', borderColor: '#ea580c', borderWidth: 2 },
        tooltip: {
          trigger: 'item',
          formatter: ({ data }) =>
            data.revisions
              .map(
                (r) =>
                  `${data.value[0]}年 修订：${r.previous === null ? '—' : valueText(r.previous)} → ${
                    r.value === null ? '撤回' : valueText(r.value)
                  }`,
              )
              .join('<br>'),
        },
      },
    ],
  });
}

/**
 * Where the target's label goes: it runs leftwards from the diamond over the last year, so it takes the side
 * (above or below the target) where the lines drawn over that year stay farthest away, measured halfway through it.
 */
function labelSide(view) {
  const level = view.target.level;
  if (level === null || level === undefined) return 'top';
  const year = view.target.year;
  const halfway = (points) => {
    const before = points.find((p) => p.year === year - 1)?.value;
    const at = points.find((p) => p.year === year)?.value;
    return before === null || before === undefined || at === null || at === undefined
      ? []
      : [(before + at) / 2];
  };
  const crossing = [view.projected, view.required, view.actual].flatMap(halfway);
  const room = (side) =>
    Math.min(...crossing.map((v) => side * (v - level)).filter((gap) => gap > 0), Number.POSITIVE_INFINITY);
  return room(1) >= room(-1) ? 'top' : 'bottom';
}

/** Why a projection is uncertain, in words (projection rule: src/domain/progress/projection.ts), or ''. */
export function projectionDoubt(projection) {
  if (!projection?.uncertain) return '';
  const reasons = [];
  if (projection.doubts.includes('few_points')) reasons.push('报送年份不足3年');
  if (projection.doubts.includes('beyond_cap')) reasons.push('趋势外推远超目标，已按所需进度的2倍截断');
  return `趋势预测不确定：${reasons.join('；')}`;
}

function yearsOf(view) {
  const all = [view.target.year, ...[view.actual, view.required, view.projected].flat().map((p) => p.year)];
  const first = Math.min(...all);
  const last = Math.max(...all);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** What the chart shows, in one or two sentences a director reads. */
export function trajectorySummary(row) {
  if (!row) return '';
  const status = statusOf(row.status);
  const parts = [`状态：${status.zh}。`];
  if (row.status === 'no_data') return `${parts[0]}报送的实际值不足两个，暂不能判断进展。`;
  const target =
    row.basis === 'annual_growth'
      ? `年均增长${formatValue(row.target.value, row.target.comparator, '%')}`
      : formatValue(row.target.value, row.target.comparator, row.target.unit, row.target.upper);
  if (row.status === 'achieved' && row.latest) {
    return `${parts[0]}${row.latest.year}年实际 ${formatValue(row.latest.value, row.latest.comparator, row.unit)}，已达到目标 ${target}。`;
  }
  if (row.status === 'not_achieved' && row.latest) {
    const gapUnit = row.basis === 'annual_growth' ? '个百分点' : row.unit;
    const rate = row.completion?.level ?? row.completion?.progress;
    return (
      `${parts[0]}目标年${row.latest.year}年实际 ${formatValue(row.latest.value, row.latest.comparator, row.unit)}，` +
      `未达到目标 ${target}` +
      (rate === null || rate === undefined ? '' : `，完成率 ${formatNumber(rate * 100)}%`) +
      (row.completion?.gap > 0 ? `，差 ${formatValue(row.completion.gap, 'eq', gapUnit)}。` : '。')
    );
  }
  const compound = row.calculation?.method === 'compound';
  const rate = (value) =>
    value === null || value === undefined
      ? '—'
      : compound
        ? `${formatNumber(value * 100)}%`
        : formatValue(value, 'eq', row.unit);
  if (row.requiredRate !== null && row.requiredRate !== undefined) {
    parts.push(
      `${compound ? '要求年均增长' : '要求每年提高'} ${rate(row.requiredRate)}，实际 ${rate(row.actualRate)}` +
        (row.ratio === null || row.ratio === undefined
          ? '。'
          : row.ratio < 0
            ? '，与目标方向相反。'
            : `，为要求速度的 ${formatNumber(row.ratio * 100)}%。`),
    );
  }
  if (row.projection?.uncertain) {
    parts.push(`${projectionDoubt(row.projection)}。`);
  } else if (row.projection) {
    parts.push(`按趋势，${row.projection.year}年预计 ${formatValue(row.projection.value, 'eq', row.unit)}`);
    if (row.gap !== null && row.gap !== undefined) {
      const gapUnit = row.basis === 'annual_growth' ? '个百分点' : row.unit;
      parts.push(row.gap > 0 ? `，距目标还差 ${formatValue(row.gap, 'eq', gapUnit)}。` : '，可望达到目标。');
    } else parts.push('。');
  }
  return parts.join('');
}
