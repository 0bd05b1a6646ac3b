import { postForFile } from './api.js';
import { h } from './dom.js';

/**
 * Exports where people expect them: a table as CSV (what the table shows, opened directly by Excel: UTF-8 with a
 * BOM) or as an Excel workbook (the same rows, made by the server: POST /api/v1/exports/xlsx), a chart as PNG (ECharts' own picture of it), and the address of the current view to send.
 */

/** A file made in the page, saved under `name`. */
export function saveFile(name, blob) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Text of a cell as a person reads it (a badge, a link and a note each once, spaces collapsed). */
const cellText = (cell) => (cell.textContent ?? '').replace(/\s+/gu, ' ').trim();

/** A field quoted for CSV (RFC 4180); a leading = + - @ made text so that Excel never runs it as a formula. */
function csvField(text) {
  const safe = /^[=+\-@]/u.test(text) && !/^[+-]?\d/u.test(text) ? `'${text}` : text;
  return /[",\r\n]/u.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The rows of a table as shown: its header row, then each body row (cells marked data-export="skip" left out). */
export function tableRows(table) {
  return [...table.querySelectorAll('tr')]
    .filter((tr) => !tr.querySelector('td.empty'))
    .map((tr) =>
      [...tr.children].filter((cell) => cell.dataset.export !== 'skip').map((cell) => cellText(cell)),
    );
}

export function tableCsv(table) {
  return `\ufeff${tableRows(table)
    .map((row) => row.map(csvField).join(','))
    .join('\r\n')}\r\n`;
}

/** A button that saves the table as CSV under `name()` (a function: the name follows the view). */
export function csvButton(table, name) {
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary small',
      'data-export': 'csv',
      title: '按表格当前内容导出，可用 Excel 打开',
      onclick: () =>
        saveFile(`${name()}.csv`, new Blob([tableCsv(table)], { type: 'text/csv;charset=utf-8' })),
    },
    '导出 CSV',
  );
}

/** Bounds of the export route (src/http/schemas/exports.ts): a longer title or cell is cut, not refused. */
const TITLE_LENGTH = 100;
const CELL_LENGTH = 1000;

/** A button that saves the same rows as the CSV as an Excel workbook, made by the server. */
export function xlsxButton(table, name) {
  const label = '导出 Excel';
  const button = h(
    'button',
    {
      type: 'button',
      class: 'secondary small',
      'data-export': 'xlsx',
      title: '按表格当前内容导出为 Excel 工作簿（.xlsx）',
      onclick: async () => {
        button.disabled = true;
        try {
          const rows = tableRows(table).map((row) => row.map((cell) => cell.slice(0, CELL_LENGTH)));
          const title = name().slice(0, TITLE_LENGTH);
          saveFile(`${title}.xlsx`, await postForFile('/exports/xlsx', { title, rows }));
          button.textContent = label;
        } catch (error) {
          button.textContent = '导出失败，请重试';
          button.title = error.message;
        } finally {
          button.disabled = false;
        }
      },
    },
    label,
  );
  return button;
}

/** The export buttons of a table: CSV and Excel. */
export const tableButtons = (table, name) => [csvButton(table, name), xlsxButton(table, name)];

/**
 * A button that saves the chart drawn in `element` as a PNG: the picture ECharts' saveAsImage makes (getDataURL,
 * twice the pixels, white ground), behind a button that says so in words instead of an icon in the chart's corner.
 */
export function pngButton(element, name) {
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary small',
      'data-export': 'png',
      onclick: () => {
        const chart = window.echarts?.getInstanceByDom(element);
        if (!chart) return;
        const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
        const link = Object.assign(document.createElement('a'), { href: url, download: `${name()}.png` });
        document.body.append(link);
        link.click();
        link.remove();
      },
    },
    '下载图片',
  );
}

/** The share button copies the address of the current view (plan, region, year, filter and indicator are in it). */
export function bindShareButton(button) {
  const label = button.textContent;
  button.addEventListener('click', async () => {
    const address = location.href;
    button.dataset.copied = address;
    try {
      await navigator.clipboard.writeText(address);
      button.textContent = '链接已复制';
    } catch {
      // No clipboard (an insecure origin, or permission refused): show the address to copy by hand.
      window.prompt('复制此链接：', address);
    }
    setTimeout(() => {
      button.textContent = label;
    }, 2000);
  });
}

/** A file name part without the characters file systems refuse. */
export const fileName = (...parts) =>
  parts
    .filter(Boolean)
    .join('-')
    .replace(/[\\/:*?"<>|\s]+/gu, '_');
