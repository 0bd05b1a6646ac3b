import { ApiError, postForm } from './api.js';
import { byId, fill, h } from './dom.js';

/**
 * 新建规划 (administrators): a plan's indicator table as printed, read into a draft first (检查草稿: nothing
 * written; every row with what it was matched to and what was inferred, every problem at its cell), then
 * published (发布规划) as the same file. `onPublished(planId)` reloads the plan picker on the new plan.
 */

const WORDS = {
  ratio: '比率',
  count: '数量',
  amount: '金额',
  index: '指数',
  increase: '越大越好',
  decrease: '越小越好',
  linear: '线性',
  compound: '复合',
};
const FROM = {
  column: '表中填写',
  catalog: '目录已有',
  unit: '据单位',
  name: '据名称',
  comparator: '据目标符号',
  values: '据数值',
  default: '默认',
};
const STATUS = {
  draft: '草稿：尚未写入，核对无误后点“发布规划”',
  published: '已发布',
  duplicate: '该表已发布过，未写入',
  rejected: '检查未通过，未写入',
};

const inferred = (value) => `${WORDS[value.value] ?? value.value}（${FROM[value.from] ?? value.from}）`;
const cells = (values) => [...new Set(values.map((v) => `${v.year}年 ${v.cite.printed}`))].join('；') || '—';

function renderDraft(target, report) {
  const { plan, region, counts } = report;
  const head = plan
    ? `${plan.title || plan.planId}（${plan.planId}，${plan.period.start}–${plan.period.end}年，基期 ${plan.baseYear} 年）` +
      (region && !region.known ? `，新地区 ${region.name}（${region.code}）` : '')
    : '';
  const rows = report.rows.map((row) => {
    const { indicator } = row;
    const match =
      indicator.match.kind === 'existing'
        ? `已有指标 ${indicator.code}（${indicator.match.matchedName}，可信度 ${indicator.match.confidence}）`
        : `新指标 ${indicator.code}`;
    return h(
      'tr',
      {},
      h('td', {}, `${row.cite.sheet}!${row.cite.cell}`),
      h('td', {}, indicator.category),
      h('td', {}, indicator.printedName),
      h('td', {}, match),
      h('td', {}, indicator.unit || '—'),
      h(
        'td',
        {},
        `${inferred(indicator.kind)} · ${inferred(indicator.direction)} · ${inferred(indicator.growth)}`,
      ),
      h('td', {}, cells(row.baselines)),
      h('td', {}, cells(row.targets)),
    );
  });
  fill(
    target,
    h('p', { class: `lead status-${report.status}` }, `${STATUS[report.status] ?? report.status}。${head}`),
    h(
      'p',
      { class: 'muted' },
      `${counts.rows} 行：已有指标 ${counts.matched}，新指标 ${counts.new}；目标 ${counts.targets}，基期值 ${counts.baselines}` +
        (report.status === 'published'
          ? `；写入 ${counts.events} 条事件，修订目标 ${counts.revisedTargets}`
          : ''),
    ),
    report.problems.length
      ? h(
          'ul',
          { class: 'problems' },
          report.problems.map((p) =>
            h(
              'li',
              { class: p.severity },
              `${p.severity === 'error' ? '错误' : '提示'} ${p.cells.join('、')} ${p.message.zh}`,
            ),
          ),
        )
      : null,
    rows.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'compact', id: 'new-plan-rows' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [
                  '单元格',
                  '类别',
                  '指标（表中名称）',
                  '对应',
                  '单位',
                  '类型 · 方向 · 增长方式',
                  '基期',
                  '目标',
                ].map((t) => h('th', {}, t)),
              ),
            ),
            h('tbody', {}, rows),
          ),
        )
      : null,
  );
}

export function setUpNewPlan({ onPublished }) {
  const form = byId('new-plan-form');
  const report = byId('new-plan-report');
  const publish = byId('new-plan-publish');
  let drafted = null;

  const fields = () => {
    const body = new FormData();
    const file = byId('new-plan-file').files?.[0];
    if (!file) throw new ApiError(0, { message: { zh: '请先选择规划的指标表（.xlsx）' } });
    body.set('file', file, file.name);
    for (const name of [
      'region',
      'regionName',
      'title',
      'issuer',
      'issuedOn',
      'periodStart',
      'periodEnd',
      'plan',
    ]) {
      const value = form.elements.namedItem(name)?.value?.trim();
      if (value) body.set(name, value);
    }
    return body;
  };
  const send = async (dryRun) => {
    const body = fields();
    if (dryRun) body.set('dryRun', 'true');
    try {
      const { data } = await postForm('/plans', body);
      renderDraft(report, data);
      return data;
    } catch (error) {
      fill(report, h('p', { class: 'error' }, error.message));
      return null;
    }
  };
  form.addEventListener('input', () => {
    drafted = null;
    publish.hidden = true;
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    drafted = await send(true);
    publish.hidden = drafted?.status !== 'draft';
  });
  publish.addEventListener('click', async () => {
    if (!drafted) return;
    publish.disabled = true;
    const data = await send(false);
    publish.disabled = false;
    publish.hidden = true;
    drafted = null;
    if (data?.status === 'published' && data.plan) onPublished(data.plan.planId);
  });
}

/** The panel is for administrators: shown when an admin is signed in. */
export function showNewPlanPanel(caller) {
  byId('new-plan-section').hidden = caller?.role !== 'admin';
}
