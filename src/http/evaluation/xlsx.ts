import type { Evaluation } from '../../domain/evaluation/evaluation.ts';
import { STATUS_WORDS } from '../../domain/evaluation/for-people.ts';
import { type CellSpec, type SheetSpec, writeWorkbook } from '../../imports/write-workbook.ts';
import { columnsOf, summaryLines, titleOf } from './lines.ts';

const HEADER_FILL = 'FFDCE6F1';
const TITLE_ROWS = 3;

/**
 * The evaluation as a workbook a bureau pastes into its report: sheet 评估明细 (title, one row per target with
 * Chinese headers, units, statuses in words, numbers rounded and formatted, header frozen and repeated on every
 * printed page, A4 landscape fitted to the width, page numbers) and sheet 汇总 (counts by status and category).
 */
export function evaluationWorkbook(evaluation: Evaluation, generatedAt: Date): Promise<Buffer> {
  const columns = columnsOf(evaluation);
  const title = titleOf(evaluation);
  const lastColumn = columnLetter(columns.length);
  const detail: SheetSpec = {
    name: '评估明细',
    columns: columns.map((c) => ({ width: c.width })),
    rows: [
      [{ value: title, bold: true }],
      [
        {
          value: `截至 ${evaluation.throughYear} 年报告数据；生成于 ${generatedAt.toISOString().slice(0, 10)}`,
        },
      ],
      columns.map((c) => ({ value: c.header, bold: true, fill: HEADER_FILL, wrap: true, border: true })),
      ...evaluation.categories.flatMap(({ targets }) =>
        targets.map((t) =>
          columns.map((c): CellSpec => {
            const value = c.cell(t);
            return {
              value: value ?? '',
              border: true,
              wrap: typeof value === 'string' && value.length > 16,
              ...(typeof value === 'number' && c.numFmt ? { numFmt: c.numFmt } : {}),
            };
          }),
        ),
      ),
    ],
    merges: [`A1:${lastColumn}1`, `A2:${lastColumn}2`],
    frozen: { rows: TITLE_ROWS, columns: 2 },
    print: {
      orientation: 'landscape',
      titleRows: `${TITLE_ROWS}:${TITLE_ROWS}`,
      header: `&C${title}`,
      footer: '&C第 &P 页，共 &N 页',
    },
  };
  const statuses = Object.keys(evaluation.summary.counts);
  const summary: SheetSpec = {
    name: '汇总',
    columns: [{ width: 18 }, { width: 8 }, ...statuses.map(() => ({ width: 10 }))],
    rows: [
      [{ value: title, bold: true }],
      ['范围', '合计', ...statuses.map((s) => STATUS_WORDS[s] ?? s)].map((value) => ({
        value,
        bold: true,
        fill: HEADER_FILL,
        border: true,
      })),
      [
        { value: '全部', border: true },
        { value: evaluation.summary.total, border: true },
        ...statuses.map((s) => ({ value: evaluation.summary.counts[s as 'achieved'], border: true })),
      ],
      ...evaluation.summary.byCategory.map((c) => [
        { value: c.category, border: true },
        { value: c.total, border: true },
        ...statuses.map((s) => ({ value: c.counts[s as 'achieved'], border: true })),
      ]),
      [],
      ...summaryLines(evaluation).map((line) => [{ value: line }]),
    ],
    frozen: { rows: 2, columns: 1 },
    print: { orientation: 'landscape', footer: '&C第 &P 页，共 &N 页' },
  };
  return writeWorkbook({ creator: 'plan-monitor', timestamp: generatedAt, sheets: [detail, summary] });
}

/** 1 → A, 27 → AA. */
function columnLetter(n: number): string {
  let letters = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26))
    letters = String.fromCharCode(65 + ((i - 1) % 26)) + letters;
  return letters;
}
