import { ApiError, getJson, token } from './api.js';
import { renderContextTable } from './context-table.js';
import { byId, fill, h } from './dom.js';
import { renderImportHistory, renderValueHistory } from './histories.js';
import { renderIndicatorTable } from './indicator-table.js';
import { statusOf } from './labels.js';
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
 * the address (?plan=&region=&asOf=&target=) so a view can be bookmarked or sent.
 */

const state = {
  plans: [],
  regionNames: new Map(),
  planId: '',
  plan: null,
  regionCode: '',
  asOf: '',
  rows: [],
  statusFilter: null,
  targetKey: '',
  /** The target was chosen by the person (or the address), not by the page: keep it across reloads. */
  targetChosen: false,
};

const elements = {
  plan: byId('plan'),
  region: byId('region'),
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
  if (state.asOf) query.set('asOf', state.asOf);
  if (state.targetChosen && state.targetKey) query.set('target', state.targetKey);
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
  byId('upload-region').value = region;
}

/** Reloads everything that depends on plan, region and date. */
async function refresh() {
  saveToAddress();
  const asOf = asOfParam();
  byId('as-of-label').textContent = state.asOf ? `截至 ${state.asOf}` : '最新数据';
  elements.asOfClear.hidden = !state.asOf;
  const [progress, context] = await Promise.all([
    loadProgress(state.planId, state.regionCode, asOf),
    loadContextIndicators(state.planId, state.regionCode),
    refreshImportHistory(),
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
  await refreshTrajectory();
}

/** The first target with data whose status most needs attention, so the chart opens on something worth seeing. */
function firstInterestingKey() {
  const order = ['regressing', 'insufficient', 'moderate', 'on_track', 'achieved', 'no_data'];
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
  await refreshTrajectory().catch(showError);
}

async function refreshTrajectory() {
  const row = state.rows.find((r) => targetKey(r) === state.targetKey);
  const chart = byId('trajectory-chart');
  if (!row) {
    window.echarts?.getInstanceByDom(chart)?.clear();
    byId('trajectory-summary').textContent = '请选择一个指标。';
    return;
  }
  const asOf = asOfParam();
  const [{ view }, history] = await Promise.all([
    loadTrajectory(row, state.regionCode, asOf),
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
      (e) => (e.part ?? null) === observedPart && (!asOf || new Date(e.recordedAt) <= new Date(asOf)),
    ),
    row.unit,
  );
}

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
    state.plans.map((plan) => ({ value: plan.planId, label: plan.title })),
    address.get('plan') ?? '',
  );
  options(
    byId('upload-region'),
    [...state.regionNames].map(([code, name]) => ({ value: code, label: `${name}（${code}）` })),
    '',
  );
  state.asOf = address.get('asOf') ?? '';
  elements.asOf.value = state.asOf;
  state.targetKey = address.get('target') ?? '';
  state.targetChosen = Boolean(state.targetKey);
  await choosePlan(elements.plan.value, address.get('region'));
  await refresh();
  document.body.dataset.ready = 'true';
}

/** A date as YYYY-MM-DD in the browser's time zone. */
const localDate = (date) =>
  new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

function bindControls() {
  elements.asOf.max = localDate(new Date());
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
    onImported: () =>
      run(async () => {
        // An upload is seen at once: back from a past date to the latest data.
        state.asOf = '';
        elements.asOf.value = '';
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
run(load);
