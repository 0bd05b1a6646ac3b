import { type CellSpec, writeWorkbook } from '../../imports/write-workbook.ts';
import type { TableExport } from '../schemas/exports.ts';

const HEADER_FILL = 'FFDCE6F1';

/** Columns a text takes in Excel, roughly: a Chinese character or full-width form is two. */
const stringWidth = (text: string) =>
  [...text].reduce(
    (width, char) => width + (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(char) ? 2 : 1),
    0,
  );
const MAX_WIDTH = 60;

/** A number as Excel should hold it (1,234.5 and -3 are; 007, 2.5 万户 and 12% stay text, as shown). */
function cellValue(text: string): string | number {
  if (!/^-?(0|[1-9]\d{0,2}(,\d{3})+|[1-9]\d*)(\.\d+)?$/u.test(text)) return text;
  const value = Number(text.replaceAll(',', ''));
  return Number.isFinite(value) ? value : text;
}

/** Characters Excel refuses in a sheet name, and its 31-character limit. */
const sheetName = (title: string) => title.replace(/[\\/:*?[\]]/gu, '_').slice(0, 31);

/**
 * A dashboard table as a workbook: the header row bold on a fill and frozen, numbers as numbers (so Excel can sum
 * them), every other cell as the text shown (never a formula), columns as wide as their widest cell up to a limit
 * past which the text wraps.
 */
export function tableWorkbook(table: TableExport, generatedAt: Date): Promise<Buffer> {
  const columns = Math.max(...table.rows.map((row) => row.length), 1);
  const widths = Array.from({ length: columns }, (_, index) =>
    Math.min(MAX_WIDTH, Math.max(6, ...table.rows.map((row) => stringWidth(row[index] ?? '') + 2))),
  );
  const [header = [], ...body] = table.rows;
  const rows: CellSpec[][] = [
    header.map((text) => ({ value: text, bold: true, fill: HEADER_FILL, border: true, wrap: true })),
    ...body.map((row) =>
      row.map((text, index) => ({
        value: cellValue(text),
        border: true,
        wrap: stringWidth(text) + 2 > (widths[index] ?? MAX_WIDTH),
      })),
    ),
  ];
  return writeWorkbook({
    creator: 'plan-monitor',
    timestamp: generatedAt,
    sheets: [
      {
        name: sheetName(table.title),
        columns: widths.map((width) => ({ width })),
        rows,
        frozen: { rows: 1, columns: 0 },
      },
    ],
  });
}
