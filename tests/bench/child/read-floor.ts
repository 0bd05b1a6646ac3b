// The floor of reading a workbook: exceljs's streaming reader over the file, every row visited, nothing done.
// Usage: tsx tests/bench/child/read-floor.ts FILE → JSON on stdout.
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

const [path] = process.argv.slice(2);
if (!path) throw new Error('usage: read-floor.ts FILE');
const file = await readFile(path);
const started = performance.now();
const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
  sharedStrings: 'cache',
  styles: 'cache',
  hyperlinks: 'ignore',
  worksheets: 'emit',
  entries: 'ignore',
});
let rows = 0;
for await (const sheet of reader as unknown as AsyncIterable<AsyncIterable<unknown>>) {
  for await (const _row of sheet) rows++;
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({ seconds, rows, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
