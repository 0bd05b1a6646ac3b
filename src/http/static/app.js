import { ApiError, getJson, token } from './api.js';
import { renderCompleteness } from './completeness.js';
import { renderContextTable } from './context-table.js';
import { openIndicatorPage, setUpComparison, setUpExports } from './director.js';
import { byId, fill, h } from './dom.js';
import { renderImportHistory, renderValueHistory } from './histories.js';
import { indicatorHref } from './indicator-page.js';
import { renderIndicatorTable } from './indicator-table.js';
import { statusOf } from './labels.js';
import { currentCaller, setUpLogin } from './login.js';
import { setUpNewPlan, showNewPlanPanel } from './new-plan.js';
import { refreshPeriods } from './periods.js';
import {
  loadContextIndicators,
  loadPlans,
  loadProgress,
  loadTrajectory,
  regionsOfPlan,
} from './read-models.js';
import { renderScorecard } from './scorecard.js';
import { targetKey, targetName } from './targets.js';
import { drawTrajectory, trajectorySummary } from './trajectory-chart.js';
import { setUpUpload } from './upload.js';

/**
 * The dashboard: a plan and a region chosen at the top; the scorecard, the indicator table and one indicator's
 * trajectory below, as of today or a chosen date; the upload panel and the import history. The choices live in
 * the address (?plan=&region=&throughYear=&asOf=&target=&status=&compare=) so a view can be bookmarked or sent;
 * &indicator= opens an indicator's page instead (director.js).
 */

const state = {
  plans: [],
  regionNames: new Map(),
  planId: '',
  plan: null,
  regionCode: '',
  /** The evaluation year: the picture from report years up to and including it ('' = every year reported). */
  throughYear: '',
  /** Recording time (audits): what the record held at the end of that day. */
  asOf: '',
  rows: [],
  statusFilter: null,
  /** The indicator of the comparison across regions, when chosen there ('' = the charted target's). */
  compare: '',
  /** The indicator whose page is shown instead of the overview ('' = the overview). */
  indicatorPage: '',
  targetKey: '',
  /** The target was chosen by the person (or the address), not by the page: keep it across reloads. */
  targetChosen: false,
};

const elements = {
  plan: byId('plan'),
  region: byId('region'),
  throughYear: byId('through-year'),
  report: byId('evaluation-report'),
  asOf: byId('as-of'),
  asOfClear: byId('as-of-clear'),
  indicator: byId('indicator'),
  notice: byId('notice'),
};

const regionName = (code) => state.regionNames.get(code) ?? code;
/** The end of the chosen day in the browser's time zone: the events recorded up to then. */
const asOfParam = () => (state.asOf ? new Date(`${state.asOf}T23:59:59.999`).toISOString() : undefined);

function notify(message, kind = 'info') {
  elements.notice.hidden = !message;
  elements.notice.className = `notice ${kind}`;
  elements.notice.textContent = message ?? '';
}

function saveToAddress() {
  const query = new URLSearchParams();
  if (state.planId) query.set('plan', state.planId);
  if (state.regionCode) query.set('region', state.regionCode);
  if (state.throughYear) query.set('throughYear', state.throughYear);
  if (state.asOf) query.set('asOf', state.asOf);
  if (state.targetChosen && state.targetKey) query.set('target', state.targetKey);
  if (state.statusFilter) query.set('status', state.statusFilter);
  if (state.compare) query.set('compare', state.compare);
  if (state.indicatorPage) query.set('indicator', state.indicatorPage);
  history.replaceState(null, '', `${location.pathname}?${query}`);
}

function options(select, items, selected) {
  fill(
    select,
    items.map(({ value, label }) => h('option', { value, selected: value === selected }, label)),
  );
  if (selected && items.some((item) => item.value === selected)) select.value = selected;
}

async function choosePlan(planId, preferredRegion) {
  state.planId = planId;
  state.plan = await getJson(`/plans/${encodeURIComponent(planId)}`);
  byId('plan-title').textContent =
    `${state.plan.title}（${state.plan.period.start}–${state.plan.period.end}年）`;
  const regions = regionsOfPlan(state.plan);
  const region = regions.includes(preferredRegion) ? preferredRegion : state.plan.region.code;
  options(
    elements.region,
    regions.map((code) => ({ value: code, label: regionName(code) })),
    region,
  );
  state.regionCode = region;
  // An upload follows the chosen plan: only the regions it sets targets for.
  options(
    byId('upload-region'),
    regions.map((code) => ({ value: code, label: `${regionName(code)}（${code}）` })),
    region,
  );
  const { start, end } = state.plan.period;
  const years = Array.from({ length: end - start + 1 }, (_, i) => start + i);
  const mid = Math.floor((start + end) / 2);
  options(
    elements.throughYear,
    [
      { value: '', label: '全部已报年份' },
      ...years.map((year) => ({
        value: String(year),
        label: `${year}年${year === mid ? '（中期评估）' : year === end ? '（终期评估）' : ''}`,
      })),
    ],
    state.throughYear,
  );
  if (!years.includes(Number(state.throughYear))) state.throughYear = '';
}

/** What the reads are asked for: the evaluation year, and the recording time when one is chosen. */
const readQuery = () => ({ throughYear: state.throughYear || undefined, asOf: asOfParam() });

/** The evaluation report of the chosen region and year, printable, in a new tab (with the token if any). */
async function openReport() {
  const query = new URLSearchParams({ region: state.regionCode, format: 'html' });
  const { throughYear, asOf } = readQuery();
  if (throughYear) query.set('throughYear', throughYear);
  if (asOf) query.set('asOf', asOf);
  const path = `/api/v1/plans/${encodeURIComponent(state.planId)}/evaluation?${query}`;
  if (!token.get()) {
    window.open(path, '_blank', 'noopener');
    return;
  }
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token.get()}` } });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  window.open(URL.createObjectURL(await response.blob()), '_blank', 'noopener');
}

/** Reloads everything that depends on plan, region and date. */
async function refresh() {
  saveToAddress();
  // On an indicator page, the plan, region and year chosen above redraw that page.
  if (state.indicatorPage) return openIndicatorPage(state.indicatorPage, directorView);
  const query = readQuery();
  byId('as-of-label').textContent = [
    state.throughYear ? `${state.throughYear}年及以前各年数据` : '全部已报年份',
    state.asOf ? `按 ${state.asOf} 时的记录` : '',
  ]
    .filter(Boolean)
    .join('，');
  elements.asOfClear.hidden = !state.asOf;
  const [progress, context] = await Promise.all([
    loadProgress(state.planId, state.regionCode, query),
    loadContextIndicators(state.planId, state.regionCode),
    refreshImportHistory(),
    refreshCompleteness(),
    showPeriods(),
  ]);
  renderContextTable(byId('context-table'), context);
  byId('context-count').textContent = String(
    context.reduce((n, i) => n + i.regions.reduce((m, r) => m + r.baselines.length, 0), 0),
  );
  state.rows = progress.rows;
  if (!state.targetChosen || !state.rows.some((row) => targetKey(row) === state.targetKey)) {
    state.targetKey = firstInterestingKey();
    state.targetChosen = false;
  }
  renderScorecardAndTable(progress.scorecard);
  fillIndicatorChoices();
  await Promise.all([refreshTrajectory(), refreshComparison(state.compare)]);
}

/** The first target with data whose status most needs attention, so the chart opens on something worth seeing. */
function firstInterestingKey() {
  const order = ['not_achieved', 'regressing', 'insufficient', 'moderate', 'on_track', 'achieved', 'no_data'];
  const sorted = [...state.rows].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  return sorted[0] ? targetKey(sorted[0]) : '';
}

function renderScorecardAndTable(scorecard) {
  renderScorecard(
    { tiles: byId('status-tiles'), chart: byId('category-chart'), caption: byId('scorecard-caption') },
    scorecard,
    {
      selected: state.statusFilter,
      onSelect: (status) => {
        state.statusFilter = status;
        saveToAddress();
        renderScorecardAndTable(scorecard);
      },
    },
  );
  const rows = state.statusFilter
    ? state.rows.filter((row) => row.status === state.statusFilter)
    : state.rows;
  byId('table-filter').textContent = state.statusFilter
    ? `只显示“${statusOf(state.statusFilter).zh}”（${rows.length} 项）`
    : `全部 ${rows.length} 项目标`;
  renderIndicatorTable(byId('indicator-table'), rows, {
    selectedKey: state.targetKey,
    printedNames: new Map(state.plan.indicators.map((i) => [i.code, i.printedName])),
    finalYear: state.plan.period.end,
    hrefOf: (row) =>
      indicatorHref(
        { plan: state.planId, region: state.regionCode, indicator: row.indicator.code },
        { throughYear: state.throughYear, asOf: state.asOf },
      ),
    onPick: (key) => {
      pickTarget(key);
      byId('trajectory-section').scrollIntoView({ behavior: 'smooth', block: 'start' });
    },
  });
}

function fillIndicatorChoices() {
  options(
    elements.indicator,
    state.rows.map((row) => ({
      value: targetKey(row),
      label: `${targetName(row, { finalYear: state.plan.period.end })} · ${statusOf(row.status).zh}`,
    })),
    state.targetKey,
  );
}

async function pickTarget(key) {
  state.targetKey = key;
  state.targetChosen = true;
  elements.indicator.value = key;
  for (const tr of byId('indicator-table').querySelectorAll('tbody tr')) {
    const selected = tr.dataset.key === key;
    tr.classList.toggle('selected', selected);
    tr.setAttribute('aria-selected', String(selected));
  }
  saveToAddress();
  // The comparison follows the charted indicator unless one was chosen for it.
  await Promise.all([refreshTrajectory(), state.compare ? null : refreshComparison('')]).catch(showError);
}

async function refreshTrajectory() {
  const row = state.rows.find((r) => targetKey(r) === state.targetKey);
  const chart = byId('trajectory-chart');
  if (!row) {
    window.echarts?.getInstanceByDom(chart)?.clear();
    byId('trajectory-summary').textContent = '请选择一个指标。';
    return;
  }
  const query = readQuery();
  const asOf = query.asOf;
  const [{ view }, history] = await Promise.all([
    loadTrajectory(row, state.regionCode, query),
    getJson(`/regions/${state.regionCode}/indicators/${encodeURIComponent(row.indicator.code)}/history`),
  ]);
  view.name = targetName(row, { finalYear: state.plan.period.end });
  drawTrajectory(chart, view);
  const summary = trajectorySummary(row);
  chart.setAttribute('aria-label', `${view.name}的轨迹图。${summary}`);
  byId('trajectory-summary').textContent = summary;
  const observedPart = row.tier ?? row.part?.code ?? null;
  renderValueHistory(
    byId('value-history-table'),
    history.entries.filter(
      (e) =>
        (e.part ?? null) === observedPart &&
        (!asOf || new Date(e.recordedAt) <= new Date(asOf)) &&
        (!state.throughYear || e.year <= Number(state.throughYear)),
    ),
    row.unit,
  );
}

async function refreshCompleteness() {
  const completeness = await getJson(`/plans/${encodeURIComponent(state.planId)}/completeness`, {
    region: state.regionCode,
  });
  renderCompleteness(byId('completeness'), completeness);
}

const showPeriods = () =>
  refreshPeriods({
    planId: state.planId,
    regionCode: state.regionCode,
    caller: currentCaller(),
    onChanged: () => run(refresh),
  });

/** What the director's views (director.js) read of the page's state. */
const directorView = () => ({
  plan: state.plan,
  plans: state.plans,
  regionCode: state.regionCode,
  regionName,
  throughYear: state.throughYear,
  asOf: state.asOf,
  asOfParam: asOfParam(),
  targetIndicator: state.rows.find((r) => targetKey(r) === state.targetKey)?.indicator.code,
  onError: showError,
});
const refreshComparison = setUpComparison(directorView, {
  onChoose: (code) => {
    state.compare = code;
    saveToAddress();
  },
});

async function refreshImportHistory() {
  const page = await getJson('/imports', { region: state.regionCode, limit: 20 });
  renderImportHistory(byId('import-history'), page.imports, regionName);
}

function showError(error) {
  if (!(error instanceof ApiError)) {
    notify(`页面出错：${error?.message ?? error}`, 'error');
    return;
  }
  // Reads closed to the public (READ_ACCESS=token): say where the token goes.
  const hint = error.status === 401 ? '请在下方“上传数据”一栏填写令牌。' : '';
  notify(`${error.message}${hint ? ` ${hint}` : ''}`, 'error');
}

/** Loads the plans and draws the first view (again after a token is entered, when reads need one). */
async function load() {
  const address = new URLSearchParams(location.search);
  state.plans = await loadPlans();
  for (const plan of state.plans) state.regionNames.set(plan.region.code, plan.region.name);
  if (!state.plans.length) throw new Error('还没有任何规划');
  options(
    elements.plan,
    // Plans of several periods may coexist: each says its period.
    state.plans.map((plan) => ({
      value: plan.planId,
      label: `${plan.title}（${plan.period.start}–${plan.period.end}）`,
    })),
    address.get('plan') ?? '',
  );
  state.asOf = address.get('asOf') ?? '';
  elements.asOf.value = state.asOf;
  if (state.asOf) byId('advanced').open = true;
  state.throughYear = address.get('throughYear') ?? '';
  state.targetKey = address.get('target') ?? '';
  state.targetChosen = Boolean(state.targetKey);
  state.statusFilter = address.get('status') || null;
  state.compare = address.get('compare') ?? '';
  await choosePlan(elements.plan.value, address.get('region'));
  state.indicatorPage = address.get('indicator') ?? '';
  await refresh();
  document.body.dataset.ready = 'true';
}

/** A date as YYYY-MM-DD in the browser's time zone. */
const localDate = (date) =>
  new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

function bindControls() {
  elements.asOf.max = localDate(new Date());
  setUpExports(directorView);
  elements.plan.addEventListener('change', () =>
    run(async () => {
      state.statusFilter = null;
      state.targetKey = '';
      state.targetChosen = false;
      await choosePlan(elements.plan.value, state.regionCode);
      await refresh();
    }),
  );
  elements.region.addEventListener('change', () =>
    run(async () => {
      state.regionCode = elements.region.value;
      state.statusFilter = null;
      byId('upload-region').value = state.regionCode;
      await refresh();
    }),
  );
  elements.throughYear.addEventListener('change', () =>
    run(async () => {
      state.throughYear = elements.throughYear.value;
      await refresh();
    }),
  );
  elements.report.addEventListener('click', () => run(openReport));
  elements.asOf.addEventListener('change', () =>
    run(async () => {
      state.asOf = elements.asOf.value;
      await refresh();
    }),
  );
  elements.asOfClear.addEventListener('click', () =>
    run(async () => {
      state.asOf = '';
      elements.asOf.value = '';
      await refresh();
    }),
  );
  elements.indicator.addEventListener('change', () => pickTarget(elements.indicator.value));
  // Reads may need the token too (READ_ACCESS=token): entering one reloads.
  byId('token').addEventListener('change', (event) => {
    token.set(event.currentTarget.value.trim());
    run(document.body.dataset.ready ? refresh : load);
  });
  setUpUpload({
    planId: () => state.planId,
    onChecked: () => run(refreshImportHistory),
    onImported: () =>
      run(async () => {
        // An upload is seen at once: back from a past date and year to the latest data.
        state.asOf = '';
        elements.asOf.value = '';
        state.throughYear = '';
        elements.throughYear.value = '';
        await refresh();
        notify('导入完成，页面已按新数据更新。');
      }),
  });
}

/** Runs a step of the page, reporting failures in the notice instead of leaving a half-drawn page. */
async function run(step) {
  document.body.dataset.busy = 'true';
  notify('');
  try {
    await step();
  } catch (error) {
    showError(error);
  } finally {
    delete document.body.dataset.busy;
  }
}

bindControls();
// Signed in or not is known before the first view, so the approval buttons are right from the start.
setUpNewPlan({
  onPublished: (planId) =>
    run(async () => {
      history.replaceState(null, '', `?plan=${encodeURIComponent(planId)}`);
      await load();
      notify('规划已发布，可下载其填报模板并导入数据。');
    }),
});
setUpLogin({
  onChange: (caller) => {
    showNewPlanPanel(caller);
    if (document.body.dataset.ready) run(showPeriods);
  },
}).finally(() => run(load));
