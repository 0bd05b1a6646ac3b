import { html, raw } from 'hono/html';
import type { Evaluation } from '../../domain/evaluation/evaluation.ts';
import { STATUS_WORDS } from '../../domain/evaluation/for-people.ts';
import { columnsOf, summaryLines, titleOf } from './lines.ts';

/** Print CSS: A4 landscape, header row repeated on every page, page numbers at the foot. */
const STYLE = `
@page { size: A4 landscape; margin: 14mm 10mm 16mm;
  @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 9pt; color: #555; } }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #111; margin: 24px; }
h1 { font-size: 18pt; margin: 0 0 4px; } h2 { font-size: 13pt; margin: 18px 0 6px; }
.meta { color: #555; margin: 0 0 12px; font-size: 10pt; }
ul.summary { margin: 0; padding-left: 1.2em; font-size: 10.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
thead { display: table-header-group; } tr { break-inside: avoid; }
th, td { border: 1px solid #999; padding: 3px 4px; vertical-align: top; }
th { background: #dce6f1; } td.num { text-align: right; white-space: nowrap; }
td.status-not_achieved, td.status-regressing { color: #991b1b; font-weight: bold; }
td.status-achieved { color: #166534; font-weight: bold; }
.cite { color: #444; font-size: 7.5pt; }
@media print { body { margin: 0; } .noprint { display: none; } }
`;

/** The evaluation as a printable page (生成评估报告): title, summary, one table per category. */
export function evaluationPage(evaluation: Evaluation, generatedAt: Date): string {
  const columns = columnsOf(evaluation).filter((c) => c.header !== '类别');
  const title = titleOf(evaluation);
  const statusColumn = columns.findIndex((c) => c.header === '状态');
  const cellText = (value: number | string | null, numFmt?: string) =>
    value === null
      ? '—'
      : typeof value === 'number' && numFmt === '0.0%'
        ? `${Math.round(value * 1000) / 10}%`
        : String(value);
  return html`<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${title}</title><style>${raw(STYLE)}</style></head>
<body>
<h1>${title}</h1>
<p class="meta">地区：${evaluation.region.name ?? ''}（${evaluation.region.code}）；数据：截至 ${evaluation.throughYear} 年各报告年度；生成于 ${generatedAt.toISOString().slice(0, 10)}。完成率 = 实际值 ÷ 目标值（逆向指标为目标值 ÷ 实际值）；进度完成率 = 已完成进度 ÷ 应完成进度。</p>
<h2>一、总体情况</h2>
<ul class="summary">${summaryLines(evaluation).map((line) => html`<li>${line}</li>`)}</ul>
<table class="counts" style="margin-top:8px"><thead><tr><th>范围</th><th>合计</th>${Object.keys(evaluation.summary.counts).map((s) => html`<th>${STATUS_WORDS[s] ?? s}</th>`)}</tr></thead>
<tbody>${evaluation.summary.byCategory.map(
    (c) =>
      html`<tr><td>${c.category}</td><td class="num">${c.total}</td>${Object.values(c.counts).map((n) => html`<td class="num">${n}</td>`)}</tr>`,
  )}</tbody></table>
<h2>二、分类别目标完成情况</h2>
${evaluation.categories.map(
  ({ category, targets }) => html`<h2>${category}</h2>
<table><thead><tr>${columns.map((c) => html`<th>${c.header}</th>`)}</tr></thead>
<tbody>${targets.map(
    (t) =>
      html`<tr>${columns.map((c, i) => {
        const value = c.cell(t);
        const cls =
          i === statusColumn
            ? `status-${t.status}`
            : c.header === '出处'
              ? 'cite'
              : typeof value === 'number'
                ? 'num'
                : '';
        return html`<td class="${cls}">${cellText(value, c.numFmt)}</td>`;
      })}</tr>`,
  )}</tbody></table>`,
)}
</body></html>`.toString();
}
