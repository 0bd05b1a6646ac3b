import { fill, h } from './dom.js';

/**
 * Completeness of the chosen region's reports (GET /plans/{planId}/completeness?region=): one cell per report
 * year, 已报 n / 应报 m, marked late when the values came in after the deadline, and how many of the region's
 * targets have nothing reported at all (the no_data ones the scorecard counts).
 */
export function renderCompleteness(element, completeness) {
  const region = completeness?.regions?.[0];
  if (!region) {
    fill(element);
    return;
  }
  const cells = region.years.map((year) => {
    const state = year.reported === 0 ? 'none' : year.reported >= year.expected ? 'complete' : 'partial';
    const late = year.inByDeadline === false;
    return h(
      'li',
      {
        class: `year-cell ${state}${late ? ' late' : ''}`,
        'data-year': year.year,
        title: late ? `晚于报送期限（${year.deadline.slice(0, 10)}）` : undefined,
      },
      h('span', { class: 'year' }, `${year.year}年`),
      h('span', { class: 'count' }, `已报 ${year.reported} / 应报 ${year.expected}`),
      late ? h('span', { class: 'late-mark' }, '逾期') : null,
    );
  });
  fill(
    element,
    h('h3', { class: 'chart-title' }, '报送完整性'),
    h('ul', { class: 'year-cells', 'aria-label': '各年报送完整性' }, cells),
    region.targetsNeverReported > 0
      ? h(
          'p',
          { class: 'muted never-reported' },
          `${region.targets} 项目标中 ${region.targetsNeverReported} 项从未报送数值（计为“无数据”）。`,
        )
      : null,
  );
}
