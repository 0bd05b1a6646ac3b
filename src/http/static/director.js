import { showComparison } from './compare-view.js';
import { byId, fill, h } from './dom.js';
import { bindShareButton, fileName, pngButton, tableButtons } from './exports.js';
import { showIndicatorPage } from './indicator-page.js';

/**
 * The director's views wired into the page: the export buttons of every table and chart, the share button, the
 * comparison across regions, and the indicator page. app.js hands over what it knows through `view()`:
 * { plan, plans, regionCode, regionName, throughYear, asOf (date), asOfParam (ISO), targetIndicator }.
 */

export function setUpExports(view) {
  const label = (what) => () => {
    const { plan, regionCode, regionName, throughYear } = view();
    return fileName(plan?.title, regionName(regionCode), throughYear ? `${throughYear}年` : '', what);
  };
  fill(byId('category-tools'), pngButton(byId('category-chart'), label('各类别目标状态')));
  fill(byId('trajectory-tools'), pngButton(byId('trajectory-chart'), label('指标轨迹')));
  fill(byId('table-tools'), tableButtons(byId('indicator-table'), label('指标一览')));
  fill(byId('value-history-tools'), tableButtons(byId('value-history-table'), label('数值记录')));
  fill(byId('import-history-tools'), tableButtons(byId('import-history'), label('导入记录')));
  bindShareButton(byId('share-link'));
}

/**
 * The comparison section: its indicator is the one chosen in it (kept in the address as ?compare=) or else the
 * indicator of the target on the chart. Returns refresh(), to call when the view changes.
 */
export function setUpComparison(view, { onChoose }) {
  const select = byId('compare-indicator');
  let chosen = '';
  select.addEventListener('change', () => {
    chosen = select.value;
    onChoose(chosen);
    refresh().catch(view().onError);
  });
  async function refresh(fromAddress) {
    if (fromAddress !== undefined) chosen = fromAddress;
    const { plan, targetIndicator, throughYear, asOf, asOfParam } = view();
    if (!plan) return;
    const codes = plan.indicators.filter((i) => i.targets.length > 0);
    const code = codes.some((i) => i.code === chosen) ? chosen : (targetIndicator ?? codes[0]?.code);
    fill(
      select,
      codes.map((i) => h('option', { value: i.code, selected: i.code === code }, i.name)),
    );
    if (!code) return;
    select.value = code;
    await showComparison(
      {
        chart: byId('compare-chart'),
        table: byId('compare-table'),
        caption: byId('compare-caption'),
        tools: byId('compare-tools'),
      },
      code,
      { throughYear, asOf: asOfParam, plan: plan.planId, link: { throughYear, asOf } },
    );
  }
  return refresh;
}

/** Shows the indicator page instead of the overview (the address has ?indicator=). */
export async function openIndicatorPage(code, view) {
  const { plan, plans, regionCode, regionName, throughYear, asOfParam } = view();
  const back = new URLSearchParams(location.search);
  back.delete('indicator');
  byId('main').hidden = true;
  const page = byId('indicator-page');
  page.hidden = false;
  await showIndicatorPage(page, {
    plan,
    plans,
    code,
    regionCode,
    regionName,
    query: { throughYear, asOf: asOfParam },
    backHref: `${location.pathname}?${back}`,
  });
  document.title = `${byId('indicator-page-title')?.textContent ?? code} · 规划目标监测`;
}
