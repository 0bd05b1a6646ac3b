import { ApiError, getJson, sendJson } from './api.js';
import { byId, fill, h } from './dom.js';

/**
 * Approval of the chosen region's years: each year's state (未报送 / 已报送 / 已审核) with who last moved it and
 * when, and the buttons the signed-in person may use: a reporter submits an open year, an approver approves a
 * submitted one and reopens an approved one with a reason. The server decides who may; the page only offers.
 */

const STATE = { open: '未报送', submitted: '已报送（待审核）', approved: '已审核（已锁定）' };
const DONE = { PeriodSubmitted: '报送', PeriodApproved: '审核通过', PeriodReopened: '退回重开' };

const when = (iso) =>
  new Date(iso).toLocaleString('zh-CN', { dateStyle: 'short', timeStyle: 'short', hour12: false });

function actionsFor(period, caller) {
  if (!caller) return [];
  const admin = caller.role === 'admin';
  if (period.state === 'open' && (admin || caller.role === 'reporter')) return [['submit', '报送']];
  if (period.state === 'submitted' && (admin || caller.role === 'approver')) return [['approve', '审核通过']];
  if (period.state === 'approved' && (admin || caller.role === 'approver')) return [['reopen', '退回重开']];
  return [];
}

export async function refreshPeriods({ planId, regionCode, caller, onChanged }) {
  const table = byId('periods-table');
  const message = byId('periods-message');
  const { periods } = await getJson(`/plans/${encodeURIComponent(planId)}/periods`, { region: regionCode });
  const own = periods.filter((period) => period.region === regionCode);
  byId('reopen-reason-field').hidden = !own.some((p) => actionsFor(p, caller).some(([a]) => a === 'reopen'));

  const act = async (period, action) => {
    fill(message);
    const body = action === 'reopen' ? { reason: byId('reopen-reason').value.trim() } : undefined;
    if (action === 'reopen' && !body.reason) {
      byId('reopen-reason').focus();
      fill(message, h('span', { class: 'error', role: 'alert' }, '退回重开须填写原因'));
      return;
    }
    try {
      await sendJson(
        `/plans/${encodeURIComponent(planId)}/regions/${regionCode}/years/${period.year}/${action}`,
        'POST',
        body,
      );
      await onChanged();
    } catch (error) {
      fill(
        message,
        h(
          'span',
          { class: 'error', role: 'alert' },
          error instanceof ApiError ? error.message : String(error),
        ),
      );
    }
  };

  fill(
    table,
    h(
      'thead',
      {},
      h('tr', {}, h('th', {}, '年份'), h('th', {}, '状态'), h('th', {}, '最近经办'), h('th', {}, '操作')),
    ),
    h(
      'tbody',
      {},
      own.map((period) => {
        const last = period.history.at(-1);
        return h(
          'tr',
          { dataset: { year: String(period.year), state: period.state } },
          h('td', {}, `${period.year}年`),
          h('td', { class: `period-state ${period.state}` }, STATE[period.state] ?? period.state),
          h(
            'td',
            { class: 'period-last' },
            last
              ? `${last.by.name} ${DONE[last.type] ?? last.type}，${when(last.at)}${last.reason ? `（${last.reason}）` : ''}`
              : '—',
          ),
          h(
            'td',
            {},
            actionsFor(period, caller).map(([action, label]) =>
              h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  dataset: { action },
                  onclick: () => act(period, action),
                },
                label,
              ),
            ),
          ),
        );
      }),
    ),
  );
}
