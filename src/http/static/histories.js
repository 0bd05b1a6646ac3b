import { fill, h } from './dom.js';
import { ENTRY_TYPES, formatTime, formatValue, HISTORY_STATUSES } from './labels.js';

const head = (labels) =>
  h(
    'thead',
    {},
    h(
      'tr',
      {},
      labels.map((label) => h('th', { scope: 'col' }, label)),
    ),
  );
const emptyRow = (span, text) =>
  h('tbody', {}, h('tr', {}, h('td', { colspan: span, class: 'empty' }, text)));

/** What an upload came to: what it changed, or for one that wrote nothing, how many problems it had. */
const outcome = (record) =>
  record.status === 'imported'
    ? `${record.counts.new} / ${record.counts.revised} / ${record.counts.unchanged}`
    : record.counts.problems > 0
      ? `问题 ${record.counts.problems} 个`
      : '—';

/**
 * The import history: who uploaded which file when, and what it changed; a file that failed its check or was
 * only tried (试检查) is listed too, with who tried it.
 */
export function renderImportHistory(table, imports, regionName) {
  const labels = ['时间', '文件', '地区', '报送人', '结果', '新增 / 修订 / 未变'];
  if (!imports.length) {
    fill(table, head(labels), emptyRow(labels.length, '还没有导入记录'));
    return;
  }
  fill(
    table,
    head(labels),
    h(
      'tbody',
      {},
      imports.map((record) =>
        h(
          'tr',
          { 'data-import': record.importId, 'data-status': record.status, class: `import ${record.status}` },
          h('td', { 'data-label': '时间', class: 'nowrap' }, formatTime(record.importedAt)),
          h('td', { 'data-label': '文件', class: 'file' }, record.fileName),
          h('td', { 'data-label': '地区', class: 'nowrap' }, regionName(record.regionCode)),
          h('td', { 'data-label': '报送人' }, record.actor?.name ?? '—'),
          h(
            'td',
            { 'data-label': '结果', class: 'nowrap result' },
            HISTORY_STATUSES[record.status] ?? record.status,
          ),
          h('td', { 'data-label': '新增 / 修订 / 未变', class: 'num' }, outcome(record)),
        ),
      ),
    ),
  );
}

/** Every value reported, revised or retracted for the selected indicator, with who, when and where from. */
export function renderValueHistory(table, entries, unit) {
  const labels = ['年份', '类型', '数值', '原值', '来源', '记录时间'];
  if (!entries.length) {
    fill(table, head(labels), emptyRow(labels.length, '没有报送记录'));
    return;
  }
  fill(
    table,
    head(labels),
    h(
      'tbody',
      {},
      [...entries].reverse().map((entry) =>
        h(
          'tr',
          { class: entry.type },
          h(
            'td',
            { 'data-label': '年份', class: 'num' },
            `${entry.year}年${entry.part ? ` · ${entry.part}` : ''}`,
          ),
          h(
            'td',
            { 'data-label': '类型' },
            ENTRY_TYPES[entry.type] ?? entry.type,
            // Issue 14: a value the plausibility checks flagged and its uploader confirmed.
            entry.implausible
              ? h(
                  'span',
                  { class: 'severity implausible', title: `预期 ${entry.implausible.expected}` },
                  ' 已确认的异常值',
                )
              : null,
          ),
          h(
            'td',
            { 'data-label': '数值', class: 'num' },
            formatValue(entry.value, entry.comparator ?? 'eq', entry.unit ?? unit),
          ),
          h(
            'td',
            { 'data-label': '原值', class: 'num' },
            entry.previous
              ? formatValue(entry.previous.value, entry.previous.comparator, entry.previous.unit)
              : '—',
          ),
          h(
            'td',
            { 'data-label': '来源', class: 'source' },
            [entry.file, entry.cell].filter(Boolean).join(' ') || entry.actor?.name || '—',
          ),
          h('td', { 'data-label': '记录时间' }, formatTime(entry.recordedAt)),
        ),
      ),
    ),
  );
}
